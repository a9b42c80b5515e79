import "server-only";
import { and, asc, eq, max, sql } from "drizzle-orm";
import { assertRole, type CurrentUser } from "@/server/auth/roles";
import { rowsOf, type Executor } from "@/server/db/client";
import { administrations, agentProfiles, missionSuggestions, missions, users } from "@/server/db/schema";
import { missionCandidates } from "@/server/db/schema-parcours";
import { NotFoundError } from "@/server/errors";
import { FAMILLES, type FitLevel, type MatchMission, type MatchReason } from "@/lib/matching";
import { loadMatchAgents, matchingEngine, matchingIndexStatus, toMatchAgent, toMatchMission, whenMatchingIndexBuilt } from "./engine-store";
import { AgentResults, fingerprint } from "./agent-results";
import { publishedMissions, type PublishedMission, type PublishedMissions } from "./missions-store";

/** How many suggestions are kept per mission for DINUM's review. */
export const SUGGESTIONS_KEPT = 30;

async function loadMission(executor: Executor, missionId: string) {
  const [mission] = await executor
    .select({
      id: missions.id,
      administration: administrations.name,
      administrationId: missions.administrationId,
      title: missions.title,
      context: missions.context,
      description: missions.description,
      skills: missions.skills,
      totalHours: missions.totalHours,
      workMode: missions.workMode,
      place: missions.place,
      startDate: missions.startDate,
      endDate: missions.endDate,
      state: missions.state,
      updatedAt: missions.updatedAt,
    })
    .from(missions)
    .leftJoin(administrations, eq(administrations.id, missions.administrationId))
    .where(eq(missions.id, missionId));
  return mission ?? null;
}

type LoadedMission = NonNullable<Awaited<ReturnType<typeof loadMission>>>;

/** Ranks agents for a mission and stores the result; called at publication and when stale. */
export async function refreshMissionSuggestions(executor: Executor, missionId: string, loaded?: LoadedMission) {
  const mission = loaded ?? (await loadMission(executor, missionId));
  if (!mission) throw new NotFoundError("Mission");
  const engine = await matchingEngine(executor);
  const match = toMatchMission(mission);
  const shortlist = engine.rankAgentIds(match, { top: SUGGESTIONS_KEPT });
  const candidates = engine.explainAgents(match, await loadMatchAgents(executor, shortlist.map((c) => c.agentId)), { top: SUGGESTIONS_KEPT });
  const computedAt = new Date();
  await executor.transaction(async (tx) => {
    await tx.delete(missionSuggestions).where(eq(missionSuggestions.missionId, missionId));
    if (candidates.length) {
      await tx.insert(missionSuggestions).values(
        candidates.map((candidate, index) => ({
          missionId,
          agentId: candidate.agentId,
          engineRank: index + 1,
          score: candidate.score,
          reasons: candidate.reasons,
          computedAt,
        })),
      );
    }
  });
  return candidates.length;
}

/**
 * Ranks a mission just published: at once when the index is built, else as soon as the background
 * build ends. A publication never waits for a build.
 */
export function rankPublishedMission(executor: Executor, missionId: string): Promise<"now" | "later"> {
  return whenMatchingIndexBuilt(executor, () => refreshMissionSuggestions(executor, missionId));
}

/**
 * Stored suggestions are stale once a profile or the mission changed after they were computed.
 * One statement: the review asks at every view, and the dates compare in PostgreSQL.
 */
async function suggestionsAreStale(executor: Executor, missionId: string) {
  const computedAt = sql`select max(${missionSuggestions.computedAt}) as at from ${missionSuggestions} where ${missionSuggestions.missionId} = ${missionId}`;
  const missionUpdatedAt = executor.select({ at: missions.updatedAt }).from(missions).where(eq(missions.id, missionId));
  const profilesUpdatedAt = executor.select({ at: max(agentProfiles.updatedAt) }).from(agentProfiles);
  const [row] = rowsOf<{ stale: boolean }>(
    await executor.execute(sql`
      select stored.at is null or coalesce((${missionUpdatedAt}) > stored.at, false) or coalesce((${profilesUpdatedAt}) > stored.at, false) as stale
      from (${computedAt}) as stored`),
  );
  return row?.stale !== false;
}

export interface SuggestionRow {
  agentId: string;
  engineRank: number;
  score: number;
  reasons: MatchReason[];
  displayName: string;
  administration: string | null;
  sameAdministration: boolean;
  hoursPerMonth: number;
  workMode: string;
  places: string[];
  /** Where the agent stands on this mission once DINUM acted (proposed, accepted...), or null. */
  candidateState: string | null;
}

/** A mission as the engine reads it, for DINUM. */
export type EngineMission = LoadedMission;

/** The mission as the engine reads it (DINUM only); NotFoundError when there is none. */
export async function missionForEngine(executor: Executor, actor: CurrentUser, missionId: string): Promise<EngineMission> {
  assertRole(actor, "dinum");
  const mission = await loadMission(executor, missionId);
  if (!mission) throw new NotFoundError("Mission");
  return mission;
}

/** Recomputes a published mission's stored suggestions when they are stale. */
async function freshenSuggestions(executor: Executor, mission: EngineMission) {
  if (mission.state === "publiee" && (await suggestionsAreStale(executor, mission.id))) {
    await refreshMissionSuggestions(executor, mission.id, mission);
  }
}

/** The mission, its stored suggestions recomputed first when a published mission's are stale. */
async function missionWithFreshSuggestions(executor: Executor, actor: CurrentUser, missionId: string) {
  const mission = await missionForEngine(executor, actor, missionId);
  await freshenSuggestions(executor, mission);
  return mission;
}

function storedSuggestions(executor: Executor, missionId: string) {
  return executor
    .select({
      agentId: missionSuggestions.agentId,
      engineRank: missionSuggestions.engineRank,
      score: missionSuggestions.score,
      reasons: missionSuggestions.reasons,
    })
    .from(missionSuggestions)
    .where(eq(missionSuggestions.missionId, missionId))
    .orderBy(asc(missionSuggestions.engineRank));
}

/** The engine's ranked suggestions for a mission, as stored (refreshed when stale): for DINUM's review. */
export async function currentSuggestions(executor: Executor, actor: CurrentUser, missionId: string) {
  await missionWithFreshSuggestions(executor, actor, missionId);
  return storedSuggestions(executor, missionId);
}

/** The same, for a mission the caller already loaded with `missionForEngine` (the review reads it once per view). */
export async function currentSuggestionsOf(executor: Executor, mission: EngineMission) {
  await freshenSuggestions(executor, mission);
  return storedSuggestions(executor, mission.id);
}

/** DINUM's view of the engine's ranked suggestions for a mission, with who the agents are. */
export async function listMissionSuggestions(executor: Executor, actor: CurrentUser, missionId: string): Promise<SuggestionRow[]> {
  const mission = await missionWithFreshSuggestions(executor, actor, missionId);
  const rows = await executor
    .select({
      agentId: missionSuggestions.agentId,
      engineRank: missionSuggestions.engineRank,
      score: missionSuggestions.score,
      reasons: missionSuggestions.reasons,
      givenName: users.givenName,
      usualName: users.usualName,
      administrationId: users.administrationId,
      administration: administrations.name,
      hoursPerMonth: agentProfiles.hoursPerMonth,
      workMode: agentProfiles.workMode,
      places: agentProfiles.places,
      candidateState: missionCandidates.state,
    })
    .from(missionSuggestions)
    .innerJoin(users, eq(users.id, missionSuggestions.agentId))
    .innerJoin(agentProfiles, eq(agentProfiles.userId, missionSuggestions.agentId))
    .leftJoin(administrations, eq(administrations.id, users.administrationId))
    .leftJoin(
      missionCandidates,
      and(eq(missionCandidates.missionId, missionSuggestions.missionId), eq(missionCandidates.agentId, missionSuggestions.agentId)),
    )
    .where(eq(missionSuggestions.missionId, missionId))
    .orderBy(asc(missionSuggestions.engineRank));
  return rows.map((row) => ({
    agentId: row.agentId,
    engineRank: row.engineRank,
    score: row.score,
    reasons: row.reasons,
    displayName: `${row.givenName} ${row.usualName}`.trim(),
    administration: row.administration,
    sameAdministration: row.administrationId === mission.administrationId,
    hoursPerMonth: row.hoursPerMonth,
    workMode: row.workMode,
    places: row.places,
    candidateState: row.candidateState,
  }));
}

export interface MissionForAgent {
  missionId: string;
  score: number;
  fit: FitLevel;
  /** One sentence that explains the fit. */
  explanation: string;
  /** At most three, each a strength or a caution. */
  reasons: MatchReason[];
  title: string;
  administration: string | null;
  totalHours: number | null;
  workMode: string;
  place: string;
  staffingDeadline: string | null;
}

export interface MissionsForAgent {
  /** Good and possible fits only, best first. */
  missions: MissionForAgent[];
  /** How many missions are published (to tell "nothing fits" from "nothing published"). */
  publishedCount: number;
  /** What to add to the profile when nothing fits. */
  advice: string[];
  /** The instance is building its index (just started): the page says so instead of waiting. */
  preparing: boolean;
}

export async function loadAgentProfile(executor: Executor, agentId: string) {
  const [profile] = await executor
    .select({
      userId: agentProfiles.userId,
      administration: administrations.name,
      skills: agentProfiles.skills,
      presentation: agentProfiles.presentation,
      hoursPerMonth: agentProfiles.hoursPerMonth,
      workMode: agentProfiles.workMode,
      places: agentProfiles.places,
      visibility: agentProfiles.visibility,
    })
    .from(agentProfiles)
    .innerJoin(users, eq(users.id, agentProfiles.userId))
    .leftJoin(administrations, eq(administrations.id, users.administrationId))
    .where(eq(agentProfiles.userId, agentId));
  return profile ?? null;
}

/** Candidates looked at beyond the ones shown: weak fits are dropped after ranking. */
const RANKED_BEFORE_FILTER = 50;

/**
 * Ranks published missions for one agent, good and possible fits only, best first. The missions
 * come from the instance's published-missions index (no mission text read from the database),
 * only those sharing a concept, a family or an uncommon word with the profile are scored, and
 * only the returned ones get their reasons written.
 */
export async function rankPublishedMissionsForAgent(
  executor: Executor,
  profile: NonNullable<Awaited<ReturnType<typeof loadAgentProfile>>>,
  options: { top: number; only?: (mission: PublishedMission) => boolean; published?: PublishedMissions },
) {
  const published = options.published ?? (await publishedMissions(executor));
  const engine = await matchingEngine(executor);
  // A paused agent still sees what would suit them; pausing only hides them from suggestions.
  const agent = { ...toMatchAgent(profile), paused: false };
  const candidates: MatchMission[] = [];
  for (const id of published.index.candidatesForAgent(agent)) {
    const mission = published.missions.get(id);
    if (mission && (!options.only || options.only(mission))) candidates.push(toMatchMission(mission));
  }
  const ranked = candidates.length ? engine.rankMissionsForAgent(agent, candidates, { top: Math.max(options.top, RANKED_BEFORE_FILTER) }) : [];
  const fits = ranked.filter((candidate) => candidate.fit !== "faible").slice(0, options.top);
  return { fits, published };
}

/**
 * Each agent's « missions pour moi », kept while their inputs are unchanged: repeat views cost a
 * profile read and the missions index's catch-up, not a ranking. 10,000 agents of ~10 missions
 * each is a few MB; the ten-minute age bounds the drift of the corpus statistics (see AgentResults).
 */
const store = globalThis as typeof globalThis & { __pvtMissionsForAgent?: AgentResults<MissionsForAgent> };
const MISSIONS_FOR_AGENT_KEPT = 10_000;
const MISSIONS_FOR_AGENT_MAX_AGE_MS = 10 * 60_000;

function missionsForAgentResults(): AgentResults<MissionsForAgent> {
  store.__pvtMissionsForAgent ??= new AgentResults(MISSIONS_FOR_AGENT_KEPT, MISSIONS_FOR_AGENT_MAX_AGE_MS);
  return store.__pvtMissionsForAgent;
}

/** Forgets the results kept (tests switch databases). */
export function resetMissionsForAgent() {
  store.__pvtMissionsForAgent?.clear();
}

/**
 * « Missions pour moi »: the good and possible fits among published missions, best first. The
 * ranking runs once per (profile content, published-missions version — which also changes with the
 * référentiel —, top): a profile edit, a publication, an edit or a withdrawal recomputes it.
 */
export async function missionsForAgent(executor: Executor, actor: CurrentUser, top = 10): Promise<MissionsForAgent | null> {
  const profile = await loadAgentProfile(executor, actor.id);
  if (!profile) return null;
  const status = matchingIndexStatus();
  if (!status.ready && status.building) return { missions: [], publishedCount: 0, advice: [], preparing: true };
  const published = await publishedMissions(executor);
  const key = `${fingerprint(profile)}:${published.version}:${top}`;
  return missionsForAgentResults().get(profile.userId, key, () => computeMissionsForAgent(executor, profile, published, top));
}

async function computeMissionsForAgent(
  executor: Executor,
  profile: NonNullable<Awaited<ReturnType<typeof loadAgentProfile>>>,
  published: PublishedMissions,
  top: number,
): Promise<MissionsForAgent> {
  const { fits } = await rankPublishedMissionsForAgent(executor, profile, { top, published });
  const missions = fits.flatMap((candidate) => {
    const mission = published.missions.get(candidate.missionId);
    if (!mission) return [];
    return [
      {
        missionId: mission.id,
        score: candidate.score,
        fit: candidate.fit,
        explanation: candidate.explanation,
        reasons: candidate.reasons.slice(0, 3),
        title: mission.title,
        administration: mission.administration,
        totalHours: mission.totalHours,
        workMode: mission.workMode,
        place: mission.place,
        staffingDeadline: mission.staffingDeadline,
      },
    ];
  });
  return {
    missions,
    publishedCount: published.missions.size,
    advice: missions.length ? [] : profileAdvice(profile, published),
    preparing: false,
  };
}

/** What an agent could add so that missions fit: concrete, from the profile and from what is asked. */
function profileAdvice(profile: NonNullable<Awaited<ReturnType<typeof loadAgentProfile>>>, published: PublishedMissions): string[] {
  const advice: string[] = [];
  if (profile.skills.length < 3) advice.push("Ajoutez vos compétences, même celles qui vous semblent banales : chacune peut correspondre à un besoin.");
  if (profile.presentation.trim().length < 200) {
    advice.push("Racontez dans votre présentation ce que vous avez déjà fait (projets, outils, publics) : ces mots servent aussi au classement.");
  }
  if (profile.hoursPerMonth <= 0) advice.push("Indiquez combien d'heures par mois vous pourriez consacrer à une mission.");
  const asked = published.index.familyCounts();
  const held = published.index.familiesOfAgent({ ...toMatchAgent(profile), paused: false });
  const wanted = [...asked.entries()]
    .filter(([family]) => !held.has(family) && family !== "hors-numerique")
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([family]) => FAMILLES.find((known) => known.id === family)?.label ?? family);
  if (wanted.length) advice.push(`Les missions publiées demandent surtout : ${wanted.join(", ")}. Si vous avez l'un de ces savoir-faire, ajoutez-le à votre profil.`);
  return advice;
}

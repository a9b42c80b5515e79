import "server-only";
import { and, asc, eq, max } from "drizzle-orm";
import { assertRole, type CurrentUser } from "@/server/auth/roles";
import type { Executor } from "@/server/db/client";
import { administrations, agentProfiles, missionSuggestions, missions, users } from "@/server/db/schema";
import { missionCandidates } from "@/server/db/schema-parcours";
import { NotFoundError } from "@/server/errors";
import type { MatchReason } from "@/lib/matching/types";
import { builtMatchingEngine, matchingEngine, toMatchAgent, toMatchMission, whenMatchingIndexBuilt } from "./engine-store";

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
  const candidates = engine.rankAgents(toMatchMission(mission), { top: SUGGESTIONS_KEPT });
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

/** Stored suggestions are stale once a profile or the mission changed after they were computed. */
async function suggestionsAreStale(executor: Executor, missionId: string, missionUpdatedAt: Date) {
  const [stored] = await executor
    .select({ computedAt: max(missionSuggestions.computedAt) })
    .from(missionSuggestions)
    .where(eq(missionSuggestions.missionId, missionId));
  if (!stored?.computedAt) return true;
  if (missionUpdatedAt > stored.computedAt) return true;
  const [profiles] = await executor.select({ latest: max(agentProfiles.updatedAt) }).from(agentProfiles);
  return Boolean(profiles?.latest && profiles.latest > stored.computedAt);
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

/** The mission, its stored suggestions recomputed first when a published mission's are stale. */
async function missionWithFreshSuggestions(executor: Executor, actor: CurrentUser, missionId: string) {
  assertRole(actor, "dinum");
  const mission = await loadMission(executor, missionId);
  if (!mission) throw new NotFoundError("Mission");
  if (mission.state === "publiee" && (await suggestionsAreStale(executor, missionId, mission.updatedAt))) {
    await refreshMissionSuggestions(executor, missionId, mission);
  }
  return mission;
}

/** The engine's ranked suggestions for a mission, as stored (refreshed when stale): for DINUM's review. */
export async function currentSuggestions(executor: Executor, actor: CurrentUser, missionId: string) {
  await missionWithFreshSuggestions(executor, actor, missionId);
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
  reasons: MatchReason[];
  title: string;
  administration: string | null;
  totalHours: number | null;
  workMode: string;
  place: string;
  staffingDeadline: string | null;
}

/**
 * « Missions pour moi »: published missions ranked for the signed-in agent by the same engine.
 * With `waitForIndex: false` (pages), raises MatchingIndexPreparingError while the index is built.
 */
export async function missionsForAgent(
  executor: Executor,
  actor: CurrentUser,
  top = 10,
  { waitForIndex = true }: { waitForIndex?: boolean } = {},
): Promise<MissionForAgent[] | null> {
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
    .where(eq(agentProfiles.userId, actor.id));
  if (!profile) return null;
  const published = await executor
    .select({
      id: missions.id,
      administration: administrations.name,
      title: missions.title,
      context: missions.context,
      description: missions.description,
      skills: missions.skills,
      totalHours: missions.totalHours,
      workMode: missions.workMode,
      place: missions.place,
      startDate: missions.startDate,
      endDate: missions.endDate,
      staffingDeadline: missions.staffingDeadline,
    })
    .from(missions)
    .leftJoin(administrations, eq(administrations.id, missions.administrationId))
    .where(eq(missions.state, "publiee"));
  if (!published.length) return [];
  const engine = waitForIndex ? await matchingEngine(executor) : await builtMatchingEngine(executor);
  // A paused agent still sees what would suit them; pausing only hides them from suggestions.
  const ranked = engine.rankMissionsForAgent({ ...toMatchAgent(profile), paused: false }, published.map(toMatchMission), { top });
  const byId = new Map(published.map((mission) => [mission.id, mission]));
  return ranked.flatMap((candidate) => {
    const mission = byId.get(candidate.missionId);
    if (!mission) return [];
    return [
      {
        missionId: mission.id,
        score: candidate.score,
        reasons: candidate.reasons,
        title: mission.title,
        administration: mission.administration,
        totalHours: mission.totalHours,
        workMode: mission.workMode,
        place: mission.place,
        staffingDeadline: mission.staffingDeadline,
      },
    ];
  });
}

import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { currentSuggestionsOf, missionForEngine, type EngineMission } from "@/features/appariement/service";
import { proposeMission } from "@/features/propositions/service";
import { auditActor, recordAudit } from "@/server/audit";
import { assertRole, type CurrentUser } from "@/server/auth/roles";
import type { Executor } from "@/server/db/client";
import { administrations, agentProfiles, applications, foldForSearch, missions, users } from "@/server/db/schema";
import { missionCandidates } from "@/server/db/schema-parcours";
import { DomainError, NotFoundError } from "@/server/errors";
import { moveTarget, orderCandidates, positionsAfterUnpin, type MoveDirection } from "./ordering";
import type { AgentSearchResult, CandidateOrigin, MissionReview, ReviewCandidate } from "./types";
import { overrideReasonSchema, type AddAgentInput, type OverrideKind, type ProposeSelectedInput, type SearchAgentsInput } from "./schemas";

export type { AgentSearchResult, CandidateOrigin, MissionReview, ReviewCandidate };

const DINUM_ONLY = "Seule l'équipe Mission Talents de la DINUM examine les candidats d'une mission.";

/** Services are also called without the action's parsing: the reason rule is checked here too. */
function checkedReason(reason: string) {
  const parsed = overrideReasonSchema.safeParse(reason);
  if (!parsed.success) throw new DomainError(parsed.error.issues[0]?.message ?? "Indiquez la raison de cette modification.");
  return parsed.data;
}


async function loadMission(executor: Executor, missionId: string) {
  const [mission] = await executor
    .select({
      id: missions.id,
      title: missions.title,
      state: missions.state,
      administrationId: missions.administrationId,
      administration: administrations.name,
    })
    .from(missions)
    .leftJoin(administrations, eq(administrations.id, missions.administrationId))
    .where(eq(missions.id, missionId));
  if (!mission) throw new NotFoundError("Mission");
  return mission;
}

async function loadPublishedMission(executor: Executor, missionId: string) {
  const mission = await loadMission(executor, missionId);
  if (mission.state !== "publiee") {
    throw new DomainError("La liste des candidats ne se modifie que tant que la mission est publiée.");
  }
  return mission;
}

/**
 * Brings the engine's current suggestions and the active applications into `mission_candidates`.
 * Existing rows keep their state and DINUM's overrides; candidates still under review take the
 * engine's latest rank, score and reasons, so that the review shows what the engine says now.
 * Only what differs from the stored list is written: viewing an unchanged list writes nothing
 * (concurrent views used to queue on the rows' locks, and each view was a transaction), and the
 * list read to compare is the one shown, read again only after a write.
 */
async function mergeIntoCandidates(executor: Executor, mission: EngineMission) {
  const missionId = mission.id;
  const [suggestions, activeApplications, stored] = await Promise.all([
    currentSuggestionsOf(executor, mission),
    executor
      .select({ agentId: applications.agentId })
      .from(applications)
      .innerJoin(agentProfiles, eq(agentProfiles.userId, applications.agentId))
      .where(and(eq(applications.missionId, missionId), eq(applications.state, "active"))),
    loadCandidateRows(executor, missionId),
  ]);
  const byAgent = new Map(stored.map((row) => [row.agentId, row]));
  // The same rule as the upsert's `setWhere` below: new agents, or a rank or score that moved while under review.
  const changedSuggestions = suggestions.filter((suggestion) => {
    const row = byAgent.get(suggestion.agentId);
    return !row || (row.state === "a_examiner" && (row.engineRank !== suggestion.engineRank || row.engineScore !== suggestion.score));
  });
  const newApplications = activeApplications.filter((application) => !byAgent.has(application.agentId));
  if (!changedSuggestions.length && !newApplications.length) return stored;
  await executor.transaction(async (tx) => {
    if (changedSuggestions.length) {
      await tx
        .insert(missionCandidates)
        .values(
          changedSuggestions.map((suggestion) => ({
            missionId,
            agentId: suggestion.agentId,
            origin: "suggestion",
            engineRank: suggestion.engineRank,
            engineScore: suggestion.score,
            reasons: suggestion.reasons,
          })),
        )
        .onConflictDoUpdate({
          target: [missionCandidates.missionId, missionCandidates.agentId],
          set: {
            engineRank: sql`excluded.engine_rank`,
            engineScore: sql`excluded.engine_score`,
            reasons: sql`excluded.reasons`,
          },
          setWhere: sql`${missionCandidates.state} = 'a_examiner' and (${missionCandidates.engineRank} is distinct from excluded.engine_rank or ${missionCandidates.engineScore} is distinct from excluded.engine_score)`,
        });
    }
    if (newApplications.length) {
      await tx
        .insert(missionCandidates)
        .values(newApplications.map((application) => ({ missionId, agentId: application.agentId, origin: "candidature" })))
        .onConflictDoNothing({ target: [missionCandidates.missionId, missionCandidates.agentId] });
    }
  });
  return loadCandidateRows(executor, missionId);
}

/** Every row of the mission's list, deleted accounts included (the merge must know them too). */
function loadCandidateRows(executor: Executor, missionId: string) {
  return executor
    .select({
      candidateId: missionCandidates.id,
      agentId: missionCandidates.agentId,
      origin: missionCandidates.origin,
      engineRank: missionCandidates.engineRank,
      engineScore: missionCandidates.engineScore,
      reasons: missionCandidates.reasons,
      pinned: missionCandidates.pinned,
      excluded: missionCandidates.excluded,
      finalPosition: missionCandidates.finalPosition,
      state: missionCandidates.state,
      createdAt: missionCandidates.createdAt,
      appliedAt: applications.createdAt,
      applicationState: applications.state,
      givenName: users.givenName,
      usualName: users.usualName,
      email: users.email,
      deletedAt: users.deletedAt,
      administrationId: users.administrationId,
      administration: administrations.name,
      hoursPerMonth: agentProfiles.hoursPerMonth,
      workMode: agentProfiles.workMode,
      places: agentProfiles.places,
    })
    .from(missionCandidates)
    .innerJoin(users, eq(users.id, missionCandidates.agentId))
    .leftJoin(agentProfiles, eq(agentProfiles.userId, missionCandidates.agentId))
    .leftJoin(administrations, eq(administrations.id, users.administrationId))
    .leftJoin(applications, and(eq(applications.missionId, missionCandidates.missionId), eq(applications.agentId, missionCandidates.agentId)))
    .where(eq(missionCandidates.missionId, missionId))
    .orderBy(asc(missionCandidates.createdAt));
}

type CandidateRow = Awaited<ReturnType<typeof loadCandidateRows>>[number];

function toReviewCandidates(rows: CandidateRow[], mission: { administrationId: string }): ReviewCandidate[] {
  // A deleted account keeps only participations with confirmed hours (the ledger's): not listed.
  const listed = rows.filter((row) => row.deletedAt === null);
  const ordered = orderCandidates(listed.map((row) => ({ ...row, enteredAt: row.appliedAt ?? row.createdAt })));
  let finalRank = 0;
  return ordered.map((row): ReviewCandidate => {
    const withdrawn = isWithdrawnApplication(row);
    return {
      candidateId: row.candidateId,
      agentId: row.agentId,
      displayName: `${row.givenName} ${row.usualName}`.trim() || row.email,
      email: row.email,
      administration: row.administration,
      sameAdministration: row.administrationId !== null && row.administrationId === mission.administrationId,
      origin: row.origin as CandidateOrigin,
      engineRank: row.engineRank,
      engineScore: row.engineScore,
      finalRank: row.excluded ? null : (finalRank += 1),
      reasons: row.reasons,
      hoursPerMonth: row.hoursPerMonth ?? 0,
      workMode: row.workMode ?? "distance",
      places: row.places ?? [],
      state: row.state,
      pinned: row.pinned,
      excluded: row.excluded,
      withdrawn,
      proposable: !row.excluded && !withdrawn && row.state === "a_examiner",
    };
  });
}

/** An agent listed for their application, which they have withdrawn since: not to be proposed. */
function isWithdrawnApplication(row: { origin: string; applicationState: string | null }) {
  return row.origin === "candidature" && row.applicationState === "retiree";
}

/**
 * DINUM's review of one mission: the engine's suggestions and the spontaneous applications in one
 * list, in final order (pinned first, then DINUM's order or the engine's, excluded ones last).
 */
export async function getReview(executor: Executor, actor: CurrentUser, missionId: string): Promise<MissionReview> {
  assertRole(actor, "dinum", DINUM_ONLY);
  // The engine's reading of the mission serves the review too: one query for both.
  const mission = await missionForEngine(executor, actor, missionId);
  const editable = mission.state === "publiee";
  // Once the mission left « publiée », the list is what DINUM worked on: no new entries.
  const rows = editable ? await mergeIntoCandidates(executor, mission) : await loadCandidateRows(executor, missionId);
  return {
    mission: { id: mission.id, title: mission.title, state: mission.state, administration: mission.administration },
    editable,
    candidates: toReviewCandidates(rows, mission),
  };
}

/** The mission's candidates, locked for the transaction, so that overrides on one list run one at a time. */
async function lockCandidates(tx: Executor, missionId: string) {
  const rows = await tx
    .select({
      id: missionCandidates.id,
      agentId: missionCandidates.agentId,
      pinned: missionCandidates.pinned,
      excluded: missionCandidates.excluded,
      finalPosition: missionCandidates.finalPosition,
      engineRank: missionCandidates.engineRank,
      state: missionCandidates.state,
      createdAt: missionCandidates.createdAt,
      origin: missionCandidates.origin,
      appliedAt: applications.createdAt,
      applicationState: applications.state,
    })
    .from(missionCandidates)
    .leftJoin(applications, and(eq(applications.missionId, missionCandidates.missionId), eq(applications.agentId, missionCandidates.agentId)))
    .where(eq(missionCandidates.missionId, missionId))
    .orderBy(asc(missionCandidates.id))
    .for("update", { of: missionCandidates });
  return rows.map((row) => ({ ...row, enteredAt: row.appliedAt ?? row.createdAt }));
}

type LockedCandidate = Awaited<ReturnType<typeof lockCandidates>>[number];

function findCandidate(candidates: LockedCandidate[], candidateId: string) {
  const candidate = candidates.find((row) => row.id === candidateId);
  if (!candidate) throw new NotFoundError("Candidat");
  return candidate;
}

interface OverrideInput {
  missionId: string;
  candidateId: string;
  reason: string;
}

/**
 * One override: checks, change and audit entry in one transaction, on the locked list.
 * `apply` returns the details worth keeping in the audit log.
 */
async function override(
  executor: Executor,
  actor: CurrentUser,
  input: OverrideInput,
  auditAction: string,
  apply: (tx: Executor, candidate: LockedCandidate, candidates: LockedCandidate[]) => Promise<Record<string, unknown>>,
) {
  assertRole(actor, "dinum", DINUM_ONLY);
  const reason = checkedReason(input.reason);
  return executor.transaction(async (tx) => {
    await loadPublishedMission(tx, input.missionId);
    const candidates = await lockCandidates(tx, input.missionId);
    const candidate = findCandidate(candidates, input.candidateId);
    const details = await apply(tx, candidate, candidates);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: auditAction,
      entityType: "mission_candidate",
      entityId: candidate.id,
      reason,
      details: { missionId: input.missionId, agentId: candidate.agentId, ...details },
    });
    return { candidateId: candidate.id };
  });
}

async function updateCandidate(tx: Executor, candidateId: string, values: Partial<typeof missionCandidates.$inferInsert>) {
  await tx
    .update(missionCandidates)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(missionCandidates.id, candidateId));
}

/** Pins an agent to the top of the list, after those pinned before. */
export function pinCandidate(executor: Executor, actor: CurrentUser, input: OverrideInput) {
  return override(executor, actor, input, "revue.epinglage", async (tx, candidate, candidates) => {
    if (candidate.excluded) throw new DomainError("Un agent exclu ne peut pas être épinglé : réintégrez-le d'abord.");
    if (candidate.pinned) throw new DomainError("Cet agent est déjà épinglé.");
    // Positions compare within a group only, so the pinned ones count from their own last one.
    const lastPinnedPosition = Math.max(0, ...candidates.filter((row) => row.pinned).map((row) => row.finalPosition ?? 0));
    await updateCandidate(tx, candidate.id, { pinned: true, finalPosition: lastPinnedPosition + 1 });
    return {};
  });
}

/** Unpins an agent: they go back among the others, where the engine's order puts them. */
export function unpinCandidate(executor: Executor, actor: CurrentUser, input: OverrideInput) {
  return override(executor, actor, input, "revue.desepinglage", async (tx, candidate, candidates) => {
    if (!candidate.pinned) throw new DomainError("Cet agent n'est pas épinglé.");
    const positions = positionsAfterUnpin(candidates, candidate.id);
    await updateCandidate(tx, candidate.id, { pinned: false, finalPosition: positions?.get(candidate.id) ?? null });
    for (const row of candidates) {
      const position = positions?.get(row.id);
      if (row.id !== candidate.id && position !== undefined && row.finalPosition !== position) await updateCandidate(tx, row.id, { finalPosition: position });
    }
    return {};
  });
}

/** Excludes an agent from the list: they go to the end, marked, and cannot be proposed the mission. */
export function excludeCandidate(executor: Executor, actor: CurrentUser, input: OverrideInput) {
  return override(executor, actor, input, "revue.exclusion", async (tx, candidate) => {
    if (candidate.excluded) throw new DomainError("Cet agent est déjà exclu.");
    if (candidate.state !== "a_examiner") {
      throw new DomainError("La mission a déjà été proposée à cet agent : il ne peut plus être exclu de la liste.");
    }
    await updateCandidate(tx, candidate.id, { excluded: true, pinned: false, finalPosition: null });
    return { wasPinned: candidate.pinned };
  });
}

/** Undoes an exclusion: the agent takes back the place the engine gave them. */
export function includeCandidate(executor: Executor, actor: CurrentUser, input: OverrideInput) {
  return override(executor, actor, input, "revue.reintegration", async (tx, candidate) => {
    if (!candidate.excluded) throw new DomainError("Cet agent n'est pas exclu.");
    await updateCandidate(tx, candidate.id, { excluded: false });
    return {};
  });
}

/**
 * Moves an agent one place up or down by swapping final positions with the neighbour. The first
 * move writes the whole current order as final positions, so that later ones stay stable.
 */
export function moveCandidate(executor: Executor, actor: CurrentUser, input: OverrideInput & { direction: MoveDirection }) {
  return override(executor, actor, input, "revue.deplacement", async (tx, candidate, candidates) => {
    const ordered = orderCandidates(candidates);
    const target = moveTarget(ordered, candidate.id, input.direction);
    if (!target.ok) throw new DomainError(target.message);
    const active = ordered.filter((row) => !row.excluded);
    const positions = new Map(active.map((row, index) => [row.id, index + 1]));
    const from = positions.get(candidate.id)!;
    const to = positions.get(target.neighbour.id)!;
    positions.set(candidate.id, to);
    positions.set(target.neighbour.id, from);
    for (const row of active) {
      const position = positions.get(row.id)!;
      if (row.finalPosition !== position) await updateCandidate(tx, row.id, { finalPosition: position });
    }
    return { direction: input.direction, fromRank: from, toRank: to, swappedWith: target.neighbour.agentId };
  });
}

/** Applies one override chosen by its kind, as the review page sends it. */
export function overrideCandidate(executor: Executor, actor: CurrentUser, input: OverrideInput & { kind: OverrideKind }) {
  switch (input.kind) {
    case "epingler":
      return pinCandidate(executor, actor, input);
    case "desepingler":
      return unpinCandidate(executor, actor, input);
    case "exclure":
      return excludeCandidate(executor, actor, input);
    case "reintegrer":
      return includeCandidate(executor, actor, input);
    case "monter":
      return moveCandidate(executor, actor, { ...input, direction: "haut" });
    case "descendre":
      return moveCandidate(executor, actor, { ...input, direction: "bas" });
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export const AGENT_SEARCH_LIMIT = 20;

/** Agents with a talent profile whose name, email or administration contains the query (accents ignored). */
export async function searchAgents(executor: Executor, actor: CurrentUser, input: SearchAgentsInput): Promise<AgentSearchResult[]> {
  assertRole(actor, "dinum", DINUM_ONLY);
  const query = input.query.trim();
  if (query.length < 2) return [];
  const pattern = foldForSearch(`%${escapeLike(query)}%`);
  const searchable = sql`${users.givenName} || ' ' || ${users.usualName} || ' ' || ${users.email} || ' ' || coalesce(${administrations.name}, '')`;
  const rows = await executor
    .select({
      agentId: users.id,
      givenName: users.givenName,
      usualName: users.usualName,
      email: users.email,
      administration: administrations.name,
      candidateId: missionCandidates.id,
    })
    .from(users)
    .innerJoin(agentProfiles, eq(agentProfiles.userId, users.id))
    .leftJoin(administrations, eq(administrations.id, users.administrationId))
    .leftJoin(missionCandidates, and(eq(missionCandidates.agentId, users.id), eq(missionCandidates.missionId, input.missionId)))
    .where(sql`${foldForSearch(searchable)} like ${pattern}`)
    .orderBy(asc(users.usualName), asc(users.givenName))
    .limit(AGENT_SEARCH_LIMIT);
  return rows.map((row) => ({
    agentId: row.agentId,
    displayName: `${row.givenName} ${row.usualName}`.trim() || row.email,
    email: row.email,
    administration: row.administration,
    alreadyCandidate: row.candidateId !== null,
  }));
}

/** DINUM adds an agent the engine did not suggest: they join the list after the others. */
export async function addAgent(executor: Executor, actor: CurrentUser, input: AddAgentInput) {
  assertRole(actor, "dinum", DINUM_ONLY);
  const reason = checkedReason(input.reason);
  return executor.transaction(async (tx) => {
    await loadPublishedMission(tx, input.missionId);
    const [profile] = await tx.select({ userId: agentProfiles.userId }).from(agentProfiles).where(eq(agentProfiles.userId, input.agentId));
    if (!profile) throw new DomainError("Cet agent n'a pas de profil de talents : il ne peut pas être ajouté.");
    const [added] = await tx
      .insert(missionCandidates)
      .values({ missionId: input.missionId, agentId: input.agentId, origin: "ajout_dinum" })
      .onConflictDoNothing({ target: [missionCandidates.missionId, missionCandidates.agentId] })
      .returning({ id: missionCandidates.id });
    if (!added) throw new DomainError("Cet agent est déjà dans la liste de la mission.");
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "revue.ajout",
      entityType: "mission_candidate",
      entityId: added.id,
      reason,
      details: { missionId: input.missionId, agentId: input.agentId },
    });
    return { candidateId: added.id };
  });
}

/**
 * Proposes the mission to the agents DINUM chose in the list. The list is locked meanwhile, so an
 * agent cannot be excluded between the check and the proposal.
 */
export async function proposeToSelected(executor: Executor, actor: CurrentUser, input: ProposeSelectedInput) {
  assertRole(actor, "dinum", DINUM_ONLY);
  const agentIds = [...new Set(input.agentIds)];
  return executor.transaction(async (tx) => {
    await loadPublishedMission(tx, input.missionId);
    const candidates = await lockCandidates(tx, input.missionId);
    const chosen = candidates.filter((row) => agentIds.includes(row.agentId));
    if (chosen.length !== agentIds.length) throw new DomainError("Un des agents choisis n'est pas dans la liste de cette mission.");
    const namesOf = async (rows: LockedCandidate[]) =>
      (
        await tx
          .select({ name: sql<string>`trim(${users.givenName} || ' ' || ${users.usualName})` })
          .from(users)
          .where(inArray(users.id, rows.map((row) => row.agentId)))
      )
        .map((row) => row.name)
        .join(", ");
    const excluded = chosen.filter((row) => row.excluded);
    if (excluded.length) {
      throw new DomainError(
        `La mission ne peut pas être proposée à un agent exclu (${await namesOf(excluded)}) : réintégrez-le d'abord ou retirez-le de la sélection.`,
      );
    }
    const withdrawn = chosen.filter(isWithdrawnApplication);
    if (withdrawn.length) {
      throw new DomainError(
        `La mission ne peut pas être proposée à un agent qui a retiré sa candidature (${await namesOf(withdrawn)}) : retirez-le de la sélection.`,
      );
    }
    return proposeMission(tx, actor, { missionId: input.missionId, agentIds });
  });
}

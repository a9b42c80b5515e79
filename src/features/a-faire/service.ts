import "server-only";
import { and, asc, count, eq, inArray, or, sql } from "drizzle-orm";
import { cache } from "react";
import { assertRole, hasRole, type CurrentUser } from "@/server/auth/roles";
import { rowsOf, type Executor } from "@/server/db/client";
import { administrations, missions, users } from "@/server/db/schema";
import { emailOutbox } from "@/server/db/schema-messagerie";
import { consentRequests, missionCandidates } from "@/server/db/schema-parcours";
import { countManagerConsentsWaiting } from "@/features/consentements/service";
import { consentPage, listToSendCondition, urgentConsentCondition } from "./conditions";

export { CONSENT_EXPIRING_WITHIN_MS, listToSendCondition, urgentConsentCondition } from "./conditions";

/**
 * What each role has to do now: the homes list it, the menu counts it. Read-only; each function
 * reads only what the signed-in person may see.
 */


/** The agent: proposals to answer, hours to declare (or a correction of them to agree to). */
export async function agentToDo(executor: Executor, actor: CurrentUser) {
  assertRole(actor, "agent");
  const rows = await executor
    .select({
      candidateId: missionCandidates.id,
      missionId: missions.id,
      missionTitle: missions.title,
      administration: administrations.name,
      state: missionCandidates.state,
      hoursState: missionCandidates.hoursState,
      proposedAt: missionCandidates.proposedAt,
    })
    .from(missionCandidates)
    .innerJoin(missions, eq(missions.id, missionCandidates.missionId))
    .innerJoin(administrations, eq(administrations.id, missions.administrationId))
    .where(
      and(
        eq(missionCandidates.agentId, actor.id),
        or(
          eq(missionCandidates.state, "proposee"),
          and(eq(missionCandidates.state, "selectionnee"), inArray(missionCandidates.hoursState, ["a_declarer", "corrigees"])),
        ),
      ),
    )
    .orderBy(asc(missionCandidates.updatedAt));
  return {
    proposals: rows.filter((row) => row.state === "proposee"),
    hours: rows.filter((row) => row.state === "selectionnee"),
  };
}

/** The demandeur: candidates to choose among (DINUM sent the list) and declared hours to confirm. */
export async function demandeurToDo(executor: Executor, actor: CurrentUser) {
  if (!actor.administrationId) return { toChoose: [], hoursToConfirm: [], toEdit: [] };
  const ofMyAdministration = eq(missions.administrationId, actor.administrationId);
  const [toChoose, hoursToConfirm, toEdit] = await Promise.all([
    executor
      .select({ missionId: missions.id, missionTitle: missions.title, listSentAt: missions.listSentAt, candidates: count(missionCandidates.id) })
      .from(missions)
      .innerJoin(missionCandidates, and(eq(missionCandidates.missionId, missions.id), eq(missionCandidates.state, "consentie"), eq(missionCandidates.excluded, false)))
      .where(and(ofMyAdministration, eq(missions.state, "publiee"), sql`${missions.listSentAt} is not null`))
      .groupBy(missions.id)
      .orderBy(asc(missions.listSentAt)),
    executor
      .select({
        candidateId: missionCandidates.id,
        missionId: missions.id,
        missionTitle: missions.title,
        agentName: sql<string>`${users.givenName} || ' ' || ${users.usualName}`,
        declaredHours: missionCandidates.declaredHours,
      })
      .from(missionCandidates)
      .innerJoin(missions, eq(missions.id, missionCandidates.missionId))
      .innerJoin(users, eq(users.id, missionCandidates.agentId))
      // A demandeur who is the selected agent does not confirm their own hours (the service refuses it).
      .where(and(ofMyAdministration, eq(missionCandidates.hoursState, "declarees"), sql`${missionCandidates.agentId} <> ${actor.id}`))
      .orderBy(asc(missionCandidates.updatedAt)),
    hasRole(actor, "demandeur")
      ? executor
          .select({ missionId: missions.id, missionTitle: missions.title, comment: missions.moderationComment })
          .from(missions)
          .where(and(ofMyAdministration, eq(missions.state, "a_modifier")))
          .orderBy(asc(missions.updatedAt))
      : Promise.resolve([]),
  ]);
  return { toChoose, hoursToConfirm, toEdit };
}

/** The demandeur's lists, read once per request: the root layout's menu and the demandeur's home both need them (see `dinumToDoCountsOfRequest`). */
export const demandeurToDoOfRequest = cache((executor: Executor, actor: CurrentUser) => demandeurToDo(executor, actor));

/** How many items of each list DINUM's home shows; the full lists are paginated pages of their own. */
export const DINUM_HOME_LIST_SIZE = 5;

export type DinumToDoCounts = { toModerate: number; listsToSend: number; consents: number; failingEmails: number };

/**
 * How many items DINUM's queue holds, list by list: counts only, for the menu and the home's headings.
 * One statement of four scalar subqueries: every DINUM page asks for them in its menu, and four
 * round trips cost the server more than the counting costs the database.
 */
export async function dinumToDoCounts(executor: Executor, actor: CurrentUser, now = new Date()): Promise<DinumToDoCounts> {
  assertRole(actor, "dinum");
  const toModerate = executor.select({ n: count() }).from(missions).where(eq(missions.state, "soumise"));
  const listsToSend = executor.select({ n: count() }).from(missions).where(listToSendCondition(executor));
  const consents = executor
    .select({ n: count() })
    .from(consentRequests)
    .innerJoin(missionCandidates, eq(missionCandidates.id, consentRequests.candidateId))
    .where(urgentConsentCondition(now));
  const failingEmails = executor.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.status, "echec"));
  const [row] = rowsOf<Record<keyof DinumToDoCounts, number | string | null>>(
    await executor.execute(
      sql`select (${toModerate})::int as "toModerate", (${listsToSend})::int as "listsToSend", (${consents})::int as "consents", (${failingEmails})::int as "failingEmails"`,
    ),
  );
  return {
    toModerate: Number(row?.toModerate ?? 0),
    listsToSend: Number(row?.listsToSend ?? 0),
    consents: Number(row?.consents ?? 0),
    failingEmails: Number(row?.failingEmails ?? 0),
  };
}

/**
 * The same counts, computed once per request: the root layout's menu and DINUM's home both need
 * them. React's `cache` keeps the result for the server render of one request only (never across
 * requests, so a refresh after an action counts again); outside a render it calls straight through.
 */
export const dinumToDoCountsOfRequest = cache((executor: Executor, actor: CurrentUser) => dinumToDoCounts(executor, actor));

/** The number of subjects waiting for DINUM (failing emails count as one subject). */
export function dinumTaskCount(counts: DinumToDoCounts): number {
  return counts.toModerate + counts.listsToSend + counts.consents + (counts.failingEmails > 0 ? 1 : 0);
}

/**
 * DINUM's queue as its home shows it: the count of each list (missions to moderate, lists to send,
 * consents late or expiring, emails failing) and the first `limit` items of each, most urgent first.
 * The lists can grow with the service (a thousand late consents at the designed size): the home
 * links to their paginated pages instead of showing them whole.
 */
export async function dinumToDo(executor: Executor, actor: CurrentUser, at?: Date, limit = DINUM_HOME_LIST_SIZE) {
  assertRole(actor, "dinum");
  const now = at ?? new Date();
  const urgent = consentPage(executor, urgentConsentCondition(now), "expiry", limit);
  const [counts, toModerate, listsToSend, consents] = await Promise.all([
    // Without a given instant (the page), the counts the menu of the same request already made.
    at ? dinumToDoCounts(executor, actor, at) : dinumToDoCountsOfRequest(executor, actor),
    executor
      .select({ missionId: missions.id, missionTitle: missions.title, submittedAt: missions.submittedAt })
      .from(missions)
      .where(eq(missions.state, "soumise"))
      .orderBy(asc(missions.submittedAt), asc(missions.id))
      .limit(limit),
    executor
      .select({ missionId: missions.id, missionTitle: missions.title, listSentAt: missions.listSentAt })
      .from(missions)
      .where(listToSendCondition(executor))
      .orderBy(asc(missions.updatedAt), asc(missions.id))
      .limit(limit),
    executor
      .select({
        candidateId: urgent.candidateId,
        missionId: missions.id,
        missionTitle: missions.title,
        agentName: sql<string>`${users.givenName} || ' ' || ${users.usualName}`,
        managerEmail: urgent.managerEmail,
        sentAt: urgent.createdAt,
        expiresAt: urgent.expiresAt,
        remindedAt: urgent.remindedAt,
      })
      .from(urgent)
      .innerJoin(missions, eq(missions.id, urgent.missionId))
      .innerJoin(users, eq(users.id, urgent.agentId))
      .orderBy(asc(urgent.expiresAt), asc(urgent.id)),
  ]);
  return {
    counts,
    toModerate,
    listsToSend,
    consents: consents.map((row) => ({ ...row, expired: row.expiresAt <= now })),
    failingEmails: counts.failingEmails,
  };
}

export type NavigationCounts = Partial<Record<"propositions" | "demandeur" | "manager" | "moderation" | "dinum" | "consentements" | "courriels", number>>;

/** The counts shown beside the menu entries of the signed-in person. */
export async function navigationCounts(executor: Executor, actor: CurrentUser): Promise<NavigationCounts> {
  const counts: NavigationCounts = {};
  if (hasRole(actor, "dinum")) {
    const queue = await dinumToDoCountsOfRequest(executor, actor);
    counts.moderation = queue.toModerate;
    counts.dinum = dinumTaskCount(queue);
    counts.consentements = queue.consents;
    counts.courriels = queue.failingEmails;
    return counts;
  }
  if (hasRole(actor, "agent")) {
    const todo = await agentToDo(executor, actor);
    counts.propositions = todo.proposals.length + todo.hours.length;
  }
  if (hasRole(actor, "demandeur")) {
    const todo = await demandeurToDoOfRequest(executor, actor);
    counts.demandeur = todo.toChoose.length + todo.hoursToConfirm.length + todo.toEdit.length;
  }
  if (hasRole(actor, "manager")) counts.manager = await countManagerConsentsWaiting(executor, actor);
  return counts;
}

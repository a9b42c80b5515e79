import "server-only";
import { and, asc, count, eq, exists, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { assertRole, hasRole, type CurrentUser } from "@/server/auth/roles";
import type { Executor } from "@/server/db/client";
import { administrations, missions, users } from "@/server/db/schema";
import { emailOutbox } from "@/server/db/schema-messagerie";
import { consentRequests, missionCandidates } from "@/server/db/schema-parcours";
import { countManagerConsentsWaiting } from "@/features/consentements/service";

/**
 * What each role has to do now: the homes list it, the menu counts it. Read-only; each function
 * reads only what the signed-in person may see.
 */

/** A consent that expires within this delay is « bientôt expiré » on DINUM's queue. */
export const CONSENT_EXPIRING_WITHIN_MS = 2 * 24 * 60 * 60 * 1000;

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

/** DINUM's queue: missions to moderate, lists to send, consents late or expiring, emails failing. */
export async function dinumToDo(executor: Executor, actor: CurrentUser, now = new Date()) {
  assertRole(actor, "dinum");
  const consentedSince = (sentAt: typeof missions.listSentAt) =>
    exists(
      executor
        .select({ one: sql`1` })
        .from(missionCandidates)
        .where(
          and(
            eq(missionCandidates.missionId, missions.id),
            eq(missionCandidates.state, "consentie"),
            eq(missionCandidates.excluded, false),
            or(isNull(sentAt), gt(missionCandidates.updatedAt, sentAt)),
          ),
        ),
    );
  const [toModerate, listsToSend, consents, failingEmails] = await Promise.all([
    executor
      .select({ missionId: missions.id, missionTitle: missions.title, submittedAt: missions.submittedAt })
      .from(missions)
      .where(eq(missions.state, "soumise"))
      .orderBy(asc(missions.submittedAt)),
    // A list to send: consented candidates that the demandeur has not received yet.
    executor
      .select({ missionId: missions.id, missionTitle: missions.title, listSentAt: missions.listSentAt })
      .from(missions)
      .where(and(eq(missions.state, "publiee"), consentedSince(missions.listSentAt)))
      .orderBy(asc(missions.updatedAt)),
    executor
      .select({
        candidateId: missionCandidates.id,
        missionId: missions.id,
        missionTitle: missions.title,
        agentName: sql<string>`${users.givenName} || ' ' || ${users.usualName}`,
        managerEmail: consentRequests.managerEmail,
        sentAt: consentRequests.createdAt,
        expiresAt: consentRequests.expiresAt,
        remindedAt: consentRequests.remindedAt,
      })
      .from(consentRequests)
      .innerJoin(missionCandidates, eq(missionCandidates.id, consentRequests.candidateId))
      .innerJoin(missions, eq(missions.id, missionCandidates.missionId))
      .innerJoin(users, eq(users.id, missionCandidates.agentId))
      .where(
        and(
          isNull(consentRequests.decidedAt),
          isNull(consentRequests.supersededAt),
          eq(missionCandidates.state, "acceptee"),
          // Late: reminded already and still no answer; expiring: within two days (or expired).
          or(sql`${consentRequests.remindedAt} is not null`, lte(consentRequests.expiresAt, new Date(now.getTime() + CONSENT_EXPIRING_WITHIN_MS))),
        ),
      )
      .orderBy(asc(consentRequests.expiresAt)),
    executor.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.status, "echec")),
  ]);
  return {
    toModerate,
    listsToSend,
    consents: consents.map((row) => ({ ...row, expired: row.expiresAt <= now })),
    failingEmails: failingEmails[0]?.n ?? 0,
  };
}

export type NavigationCounts = Partial<Record<"propositions" | "demandeur" | "manager" | "moderation" | "dinum" | "consentements" | "courriels", number>>;

/** The counts shown beside the menu entries of the signed-in person. */
export async function navigationCounts(executor: Executor, actor: CurrentUser): Promise<NavigationCounts> {
  const counts: NavigationCounts = {};
  if (hasRole(actor, "dinum")) {
    const queue = await dinumToDo(executor, actor);
    counts.moderation = queue.toModerate.length;
    counts.dinum = queue.toModerate.length + queue.listsToSend.length + queue.consents.length + (queue.failingEmails > 0 ? 1 : 0);
    counts.consentements = queue.consents.length;
    counts.courriels = queue.failingEmails;
    return counts;
  }
  if (hasRole(actor, "agent")) {
    const todo = await agentToDo(executor, actor);
    counts.propositions = todo.proposals.length + todo.hours.length;
  }
  if (hasRole(actor, "demandeur")) {
    const todo = await demandeurToDo(executor, actor);
    counts.demandeur = todo.toChoose.length + todo.hoursToConfirm.length + todo.toEdit.length;
  }
  if (hasRole(actor, "manager")) counts.manager = await countManagerConsentsWaiting(executor, actor);
  return counts;
}

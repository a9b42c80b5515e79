import { and, asc, eq, exists, gt, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/server/db/client";
import { missions } from "@/server/db/schema";
import { consentRequests, missionCandidates } from "@/server/db/schema-parcours";

/**
 * The conditions that define DINUM's queues, shared by its home (counts and first items) and the
 * paginated pages the home links to. No service imports here, so that any service can use them.
 */

/** A consent that expires within this delay is « bientôt expiré » on DINUM's queue. */
export const CONSENT_EXPIRING_WITHIN_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * A list to send: a published mission with consented candidates that the demandeur has not received
 * yet. Shared by DINUM's home and the `?liste=a_envoyer` filter of `/dinum/missions`.
 */
export function listToSendCondition(executor: Executor) {
  return and(
    eq(missions.state, "publiee"),
    exists(
      executor
        .select({ one: sql`1` })
        .from(missionCandidates)
        .where(
          and(
            eq(missionCandidates.missionId, missions.id),
            eq(missionCandidates.state, "consentie"),
            eq(missionCandidates.excluded, false),
            or(isNull(missions.listSentAt), gt(missionCandidates.updatedAt, missions.listSentAt)),
          ),
        ),
    ),
  )!;
}

/**
 * A consent DINUM should chase: still awaited, and late (reminded already and still no answer) or
 * expiring within two days (or expired). Shared by DINUM's home and `/dinum/consentements?filtre=urgents`.
 * Needs `consent_requests` joined to `mission_candidates`.
 */
export function urgentConsentCondition(now: Date) {
  return and(
    isNull(consentRequests.decidedAt),
    isNull(consentRequests.supersededAt),
    eq(missionCandidates.state, "acceptee"),
    or(isNotNull(consentRequests.remindedAt), lte(consentRequests.expiresAt, new Date(now.getTime() + CONSENT_EXPIRING_WITHIN_MS))),
  )!;
}


/**
 * One page of awaited consents, as a subquery to join missions and users to: sorted and cut on the
 * consent and candidate rows alone, so that only the rows shown read their mission and agent.
 * Joined before the sort, the page of five late consents read the 1,100 late consents' missions
 * and agents (20–30 ms at the designed size, on DINUM's home and on the consents page).
 * `order`: « expiry », the soonest expiry first (late or expiring ones); « sent », the oldest first.
 */
export function consentPage(executor: Executor, where: SQL, order: "expiry" | "sent", limit: number, offset = 0) {
  return executor
    .select({
      id: consentRequests.id,
      candidateId: consentRequests.candidateId,
      managerName: consentRequests.managerName,
      managerEmail: consentRequests.managerEmail,
      tokenHash: consentRequests.tokenHash,
      createdAt: consentRequests.createdAt,
      expiresAt: consentRequests.expiresAt,
      remindedAt: consentRequests.remindedAt,
      missionId: missionCandidates.missionId,
      agentId: missionCandidates.agentId,
    })
    .from(consentRequests)
    .innerJoin(missionCandidates, eq(missionCandidates.id, consentRequests.candidateId))
    .where(where)
    .orderBy(...(order === "expiry" ? [asc(consentRequests.expiresAt), asc(consentRequests.id)] : [asc(consentRequests.createdAt), asc(consentRequests.id)]))
    .limit(limit)
    .offset(offset)
    .as("consent_page");
}

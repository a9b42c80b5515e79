import { and, eq, exists, gt, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
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


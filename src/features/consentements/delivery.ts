import { and, eq, gt, isNull } from "drizzle-orm";
import type { Executor } from "@/server/db/client";
import { consentRequests } from "@/server/db/schema-parcours";
import { serverEnv } from "@/server/env";
import { createConsentToken } from "./tokens";

/**
 * Called by the mail worker in the transaction that hands a consent email to SMTP: mints the
 * link's token, stores only its hash (replacing the previous attempt's), and returns the URL to
 * put in the email. Null when the request no longer waits for an answer: nothing is sent.
 */
export async function mintConsentLinkAtDelivery(executor: Executor, consentRequestId: string, now = new Date()): Promise<string | null> {
  const { token, tokenHash } = createConsentToken();
  const [minted] = await executor
    .update(consentRequests)
    .set({ tokenHash })
    .where(
      and(
        eq(consentRequests.id, consentRequestId),
        isNull(consentRequests.decidedAt),
        isNull(consentRequests.supersededAt),
        gt(consentRequests.expiresAt, now),
      ),
    )
    .returning({ id: consentRequests.id });
  return minted ? `${serverEnv().APP_URL}/consentement/${token}` : null;
}

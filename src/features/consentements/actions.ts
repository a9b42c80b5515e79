"use server";

import { revalidatePath } from "next/cache";
import { fieldErrorsOf, defineAction, type ActionResult } from "@/server/actions/action";
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { errorFields, logger } from "@/server/observability/logger";
import { currentRequest } from "@/server/observability/request-context";
import { consentDecisionSchema, resendConsentSchema, type ConsentDecisionInput } from "./schemas";
import { decideConsent, resendConsentRequest } from "./service";

/**
 * The manager's answer: no account, the single-use token from the email is the credential,
 * checked by the service.
 */
export async function decideConsentAction(input: ConsentDecisionInput): Promise<ActionResult<{ decision: string }>> {
  const parsed = consentDecisionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Le formulaire contient des erreurs.", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    return { ok: true, data: await decideConsent(db(), parsed.data) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: error.message };
    logger().error({ event: "consent.decision_failed", requestId: currentRequest()?.requestId, ...errorFields(error) }, "décision de consentement en échec");
    return { ok: false, error: "Une erreur technique empêche d'enregistrer votre réponse. Rien n'a été modifié : réessayez dans un instant." };
  }
}

export const resendConsentAction = defineAction(resendConsentSchema, async (input, user) => {
  await resendConsentRequest(db(), user, {
    candidateId: input.candidateId,
    managerName: input.managerName || undefined,
    managerEmail: input.managerEmail || undefined,
    reason: input.reason,
  });
  revalidatePath("/dinum/consentements");
  return null;
});

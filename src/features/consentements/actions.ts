"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { consentDecisionSchema, recordConsentOtherwiseSchema, resendConsentSchema, withdrawConsentSchema } from "./schemas";
import { decideConsent, recordConsentObtainedOtherwise, resendConsentRequest, withdrawConsent } from "./service";

/**
 * The manager's answer: the link finds the request, the session proves who answers; the service
 * accepts it only from the manager named for that request.
 */
export const decideConsentAction = defineAction(consentDecisionSchema, async (input, user) => decideConsent(db(), user, input));

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

export const recordConsentOtherwiseAction = defineAction(recordConsentOtherwiseSchema, async (input, user) => {
  const outcome = await recordConsentObtainedOtherwise(db(), user, input);
  revalidatePath("/dinum/consentements");
  return outcome;
});

/** The signed-in manager withdraws an approval before the mission starts (checked by the service). */
export const withdrawConsentAction = defineAction(withdrawConsentSchema, async (input, user) => {
  const result = await withdrawConsent(db(), user, input);
  revalidatePath("/manager");
  return result;
});

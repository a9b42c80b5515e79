"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { decideAdministrationCorrectionSchema, requestAdministrationCorrectionSchema } from "./schemas";
import { decideAdministrationCorrection, requestAdministrationCorrection } from "./service";

/** A request only: the person's administration changes when DINUM approves it. The user comes from the session. */
export const requestAdministrationCorrectionAction = defineAction(requestAdministrationCorrectionSchema, async (input, user) => {
  const request = await requestAdministrationCorrection(db(), user, {
    administrationId: input.administrationId || undefined,
    siret: input.siret || undefined,
    name: input.name || undefined,
    reason: input.reason,
  });
  revalidatePath("/compte");
  return request;
});

export const decideAdministrationCorrectionAction = defineAction(decideAdministrationCorrectionSchema, async (input, user) => {
  const outcome = await decideAdministrationCorrection(db(), user, input);
  revalidatePath("/dinum/administrations");
  return outcome;
});

"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { acceptCorrectedHoursSchema, declareHoursSchema, feedbackSchema, reviewHoursSchema } from "./schemas";
import { acceptCorrectedHours, declareHours, leaveFeedback, reviewHours } from "./service";

export const declareHoursAction = defineAction(declareHoursSchema, async (input, user) => {
  await declareHours(db(), user, input);
  revalidatePath("/", "layout");
  return null;
});

export const reviewHoursAction = defineAction(reviewHoursSchema, async (input, user) => {
  await reviewHours(db(), user, {
    candidateId: input.candidateId,
    decision: input.decision,
    correctedHours: typeof input.correctedHours === "number" ? input.correctedHours : undefined,
    comment: input.comment,
  });
  revalidatePath("/", "layout");
  return null;
});

export const acceptCorrectedHoursAction = defineAction(acceptCorrectedHoursSchema, async (input, user) => {
  await acceptCorrectedHours(db(), user, input);
  revalidatePath("/", "layout");
  return null;
});

export const leaveFeedbackAction = defineAction(feedbackSchema, async (input, user) => {
  await leaveFeedback(db(), user, input);
  revalidatePath("/", "layout");
  return null;
});

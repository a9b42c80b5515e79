"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { selectCandidatesSchema, sendCandidateListSchema } from "./schemas";
import { selectCandidates, sendCandidateList } from "./service";

export const sendCandidateListAction = defineAction(sendCandidateListSchema, async (input, user) => {
  const result = await sendCandidateList(db(), user, input.missionId);
  revalidatePath(`/missions/${input.missionId}`);
  return result;
});

export const selectCandidatesAction = defineAction(selectCandidatesSchema, async (input, user) => {
  const result = await selectCandidates(db(), user, input);
  revalidatePath("/", "layout");
  return result;
});

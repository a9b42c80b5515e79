"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { addAgentSchema, overrideCandidateSchema, proposeSelectedSchema, searchAgentsSchema } from "./schemas";
import { addAgent, overrideCandidate, proposeToSelected, searchAgents } from "./service";

function revalidateReview(missionId: string) {
  revalidatePath(`/dinum/missions/${missionId}/revue`);
  revalidatePath(`/missions/${missionId}`);
}

export const overrideCandidateAction = defineAction(overrideCandidateSchema, async (input, user) => {
  const result = await overrideCandidate(db(), user, input);
  revalidateReview(input.missionId);
  return result;
});

export const addAgentAction = defineAction(addAgentSchema, async (input, user) => {
  const result = await addAgent(db(), user, input);
  revalidateReview(input.missionId);
  return result;
});

export const searchAgentsAction = defineAction(searchAgentsSchema, async (input, user) => searchAgents(db(), user, input));

export const proposeSelectedAction = defineAction(proposeSelectedSchema, async (input, user) => {
  const result = await proposeToSelected(db(), user, input);
  revalidateReview(input.missionId);
  return result;
});

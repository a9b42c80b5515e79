"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { proposeMissionSchema, respondToProposalSchema } from "./schemas";
import { proposeMission, respondToProposal } from "./service";

export const proposeMissionAction = defineAction(proposeMissionSchema, async (input, user) => {
  const result = await proposeMission(db(), user, input);
  revalidatePath(`/missions/${input.missionId}`);
  return result;
});

export const respondToProposalAction = defineAction(respondToProposalSchema, async (input, user) => {
  const result = await respondToProposal(db(), user, input);
  revalidatePath("/agent/propositions");
  return result;
});

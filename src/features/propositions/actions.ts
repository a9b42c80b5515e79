"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { respondToProposalSchema } from "./schemas";
import { respondToProposal } from "./service";

export const respondToProposalAction = defineAction(respondToProposalSchema, async (input, user) => {
  const result = await respondToProposal(db(), user, input);
  revalidatePath("/agent/propositions");
  return result;
});

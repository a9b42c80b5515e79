"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { redemptionSchema, reversalSchema } from "./schemas";
import { recordRedemption, reverseTransaction } from "./service";

export const recordRedemptionAction = defineAction(redemptionSchema, async (input, user) => {
  const result = await recordRedemption(db(), user, input);
  revalidatePath("/dinum/compensation", "layout");
  return result;
});

export const reverseTransactionAction = defineAction(reversalSchema, async (input, user) => {
  const result = await reverseTransaction(db(), user, input);
  revalidatePath("/dinum/compensation", "layout");
  return result;
});

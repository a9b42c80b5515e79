"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { retryEmailSchema } from "./schemas";
import { retryEmail } from "./service";

export const retryEmailAction = defineAction(retryEmailSchema, async (input, user) => {
  await retryEmail(db(), user, input.emailId);
  revalidatePath("/dinum/courriels");
  return null;
});

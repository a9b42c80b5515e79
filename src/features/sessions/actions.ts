"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { endUserSessionsSchema } from "./schemas";
import { endUserSessions } from "./service";

export const endUserSessionsAction = defineAction(endUserSessionsSchema, async (input, user) => {
  const result = await endUserSessions(db(), user, input);
  revalidatePath("/dinum/sessions");
  return result;
});

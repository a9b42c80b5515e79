"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { inviteToEventSchema } from "./schemas";
import { inviteToEvent } from "./service";

export const inviteToEventAction = defineAction(inviteToEventSchema, async (input, user) => {
  const outcome = await inviteToEvent(db(), user, input);
  revalidatePath("/dinum/contributeurs");
  return outcome;
});

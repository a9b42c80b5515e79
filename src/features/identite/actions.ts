"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { correctAdministrationSchema } from "./schemas";
import { correctAdministration } from "./service";

export const correctAdministrationAction = defineAction(correctAdministrationSchema, async (input, user) => {
  // A user corrects only their own administration: the id comes from the session, never from the form.
  const administration = await correctAdministration(db(), user.id, input.administrationId);
  revalidatePath("/", "layout");
  return { name: administration.name };
});

"use server";

import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { profileSchema } from "./schemas";
import { saveProfile } from "./service";

export const saveProfileAction = defineAction(profileSchema, async (input, user) => {
  // An agent saves only their own profile: the id comes from the session, never from the form.
  const saved = await saveProfile(db(), user, user.id, input);
  return { values: saved.values, updatedAt: saved.updatedAt.toISOString() };
});

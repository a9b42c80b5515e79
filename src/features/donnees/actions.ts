"use server";

import { defineAction } from "@/server/actions/action";
import { signOut } from "@/server/auth";
import { db } from "@/server/db";
import { deleteAccountSchema } from "./schemas";
import { deleteMyAccount } from "./service";

export const deleteMyAccountAction = defineAction(deleteAccountSchema, async (_input, user) => {
  // The account deleted is always the session's: there is no id in the form.
  const outcome = await deleteMyAccount(db(), user);
  // The session cookie goes too (a session of a deleted account already opens nothing).
  await signOut({ redirect: false });
  return { withdrawnApplications: outcome?.withdrawnApplications ?? 0 };
});

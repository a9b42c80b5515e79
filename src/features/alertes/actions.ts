"use server";

import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { missionAlertSchema } from "./schemas";
import { setMissionAlert } from "./service";

export const setMissionAlertAction = defineAction(missionAlertSchema, async (input, user) => {
  // The alert is the signed-in agent's own: the id comes from the session, never from the form.
  return setMissionAlert(db(), user, input.active);
});

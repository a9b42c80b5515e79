"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { applyToMissionSchema, withdrawApplicationSchema } from "./schemas";
import { applyToMission, withdrawApplication } from "./service";

export const applyToMissionAction = defineAction(applyToMissionSchema, async (input, user) => {
  const applied = await applyToMission(db(), user, input);
  revalidatePath(`/missions/${input.missionId}`);
  revalidatePath("/agent/candidatures");
  return applied;
});

export const withdrawApplicationAction = defineAction(withdrawApplicationSchema, async (input, user) => {
  const withdrawn = await withdrawApplication(db(), user, input);
  revalidatePath(`/missions/${withdrawn.missionId}`);
  revalidatePath("/agent/candidatures");
  return withdrawn;
});

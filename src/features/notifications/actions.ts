"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { markAllReadSchema } from "./schemas";
import { markAllRead } from "./service";

export const markAllReadAction = defineAction(markAllReadSchema, async (_input, user) => {
  const count = await markAllRead(db(), user);
  revalidatePath("/", "layout");
  return { count };
});

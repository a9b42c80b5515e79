import { z } from "@/lib/zod-fr";

export const missionAlertSchema = z.object({
  active: z.boolean({ error: "Indiquez si vous voulez recevoir l'alerte." }),
});
export type MissionAlertInput = z.infer<typeof missionAlertSchema>;

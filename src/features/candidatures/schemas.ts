import { z } from "@/lib/zod-fr";
import { textAreaField } from "@/lib/text-field";

export const APPLICATION_MESSAGE_LIMITS = { min: 10, max: 1000 } as const;

export const applyToMissionSchema = z.object({
  missionId: z.uuid({ message: "Mission inconnue." }),
  message: textAreaField()
    .trim()
    .min(APPLICATION_MESSAGE_LIMITS.min, {
      message: `Présentez-vous en quelques mots : ${APPLICATION_MESSAGE_LIMITS.min} caractères au moins.`,
    })
    .max(APPLICATION_MESSAGE_LIMITS.max, { message: `Message : ${APPLICATION_MESSAGE_LIMITS.max} caractères au maximum.` }),
});
export type ApplyToMissionInput = z.infer<typeof applyToMissionSchema>;

export const withdrawApplicationSchema = z.object({
  applicationId: z.uuid({ message: "Candidature inconnue." }),
});
export type WithdrawApplicationInput = z.infer<typeof withdrawApplicationSchema>;

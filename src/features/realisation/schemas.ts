import { z } from "@/lib/zod-fr";
import { textAreaField, textField } from "@/lib/text-field";

const hours = z.coerce
  .number({ message: "Indiquez un nombre d'heures." })
  .int({ message: "Indiquez un nombre entier d'heures." })
  .min(1, { message: "Au moins 1 heure." })
  .max(2000, { message: "2 000 heures au plus." });

export const declareHoursSchema = z.object({ candidateId: z.string().uuid(), hours });
export type DeclareHoursInput = z.input<typeof declareHoursSchema>;

export const reviewHoursSchema = z
  .object({
    candidateId: z.string().uuid(),
    decision: z.enum(["confirmer", "corriger"]),
    correctedHours: z.union([z.literal(""), hours]).optional(),
    comment: textAreaField().trim().max(500, { message: "500 caractères au plus." }).optional(),
  })
  .superRefine((value, context) => {
    if (value.decision === "corriger" && (value.correctedHours === undefined || value.correctedHours === "")) {
      context.addIssue({ code: "custom", path: ["correctedHours"], message: "Indiquez le nombre d'heures corrigé." });
    }
    if (value.decision === "corriger" && !value.comment) {
      context.addIssue({ code: "custom", path: ["comment"], message: "Expliquez la correction à l'agent." });
    }
  });
export type ReviewHoursInput = z.input<typeof reviewHoursSchema>;

export const acceptCorrectedHoursSchema = z.object({ candidateId: z.string().uuid() });

export const feedbackSchema = z.object({
  candidateId: z.string().uuid(),
  feedback: textAreaField().trim().max(1000, { message: "1 000 caractères au plus." }),
  attestedSkills: z.array(textField().trim().min(1).max(120)).max(20),
});
export type FeedbackInput = z.infer<typeof feedbackSchema>;

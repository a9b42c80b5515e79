import { z } from "@/lib/zod-fr";

export const consentDecisionSchema = z.object({
  token: z.string().min(1),
  decision: z.enum(["approuve", "refuse"], { message: "Choisissez d'accepter ou de refuser." }),
  comment: z.string().trim().max(1000, { message: "Le commentaire ne doit pas dépasser 1 000 caractères." }).optional(),
});
export type ConsentDecisionInput = z.infer<typeof consentDecisionSchema>;

export const resendConsentSchema = z.object({
  candidateId: z.string().uuid(),
  managerName: z.string().trim().max(200).optional(),
  managerEmail: z.union([z.literal(""), z.string().trim().email({ message: "Adresse électronique invalide." })]).optional(),
  reason: z.string().trim().min(3, { message: "Indiquez pourquoi vous renvoyez le lien." }).max(500),
});
export type ResendConsentInput = z.infer<typeof resendConsentSchema>;

export const withdrawConsentSchema = z.object({
  candidateId: z.string().uuid(),
  reason: z
    .string()
    .trim()
    .min(3, { message: "Indiquez en quelques mots pourquoi vous retirez votre accord : l'agent et la DINUM le liront." })
    .max(1000, { message: "La raison ne doit pas dépasser 1 000 caractères." }),
});
export type WithdrawConsentInput = z.infer<typeof withdrawConsentSchema>;

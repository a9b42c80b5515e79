import { z } from "@/lib/zod-fr";
import { textAreaField, textField } from "@/lib/text-field";

export const consentDecisionSchema = z.object({
  token: textField().min(1),
  decision: z.enum(["approuve", "refuse"], { message: "Choisissez d'accepter ou de refuser." }),
  comment: textAreaField().trim().max(1000, { message: "Le commentaire ne doit pas dépasser 1 000 caractères." }).optional(),
});
export type ConsentDecisionInput = z.infer<typeof consentDecisionSchema>;

export const resendConsentSchema = z.object({
  candidateId: z.string().uuid(),
  managerName: textField().trim().max(200).optional(),
  managerEmail: z.union([z.literal(""), textField().trim().email({ message: "Adresse électronique invalide." })]).optional(),
  reason: textAreaField().trim().min(3, { message: "Indiquez pourquoi vous renvoyez le lien." }).max(500),
});
export type ResendConsentInput = z.infer<typeof resendConsentSchema>;

/** DINUM records a consent obtained outside ProConnect: what proves it, and why ProConnect could not serve. */
export const recordConsentOtherwiseSchema = z.object({
  candidateId: z.string().uuid(),
  decision: z.enum(["approuve", "refuse"], { message: "Indiquez la réponse du manager." }),
  proof: textAreaField()
    .trim()
    .min(10, { message: "Décrivez la preuve (courriel signé, courrier, appel confirmé par écrit…), 10 caractères au moins." })
    .max(1000, { message: "La preuve fait au plus 1 000 caractères." }),
  reason: textAreaField()
    .trim()
    .min(10, { message: "Expliquez pourquoi le manager n'a pas pu répondre avec ProConnect, 10 caractères au moins." })
    .max(500, { message: "La raison fait au plus 500 caractères." }),
});
export type RecordConsentOtherwiseInput = z.infer<typeof recordConsentOtherwiseSchema>;

export const withdrawConsentSchema = z.object({
  candidateId: z.string().uuid(),
  reason: textAreaField()
    .trim()
    .min(3, { message: "Indiquez en quelques mots pourquoi vous retirez votre accord : l'agent et la DINUM le liront." })
    .max(1000, { message: "La raison ne doit pas dépasser 1 000 caractères." }),
});
export type WithdrawConsentInput = z.infer<typeof withdrawConsentSchema>;

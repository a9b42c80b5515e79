import { z } from "@/lib/zod-fr";
import { hasAtMostTwoDecimals } from "./amounts";

const reason = z
  .string({ message: "Indiquez le motif." })
  .trim()
  .min(5, { message: "Expliquez le motif en quelques mots (5 caractères au moins)." })
  .max(500, { message: "500 caractères au plus." });

export const redemptionSchema = z.object({
  administrationId: z.string().uuid({ message: "Choisissez une administration." }),
  credits: z.coerce
    .number({ message: "Indiquez un nombre de crédits." })
    .positive({ message: "Indiquez un nombre de crédits supérieur à zéro." })
    .max(1_000_000, { message: "1 000 000 crédits au plus." })
    .refine(hasAtMostTwoDecimals, { message: "Deux décimales au plus." }),
  description: z
    .string({ message: "Décrivez le service accordé." })
    .trim()
    .min(3, { message: "Décrivez le service accordé (3 caractères au moins)." })
    .max(200, { message: "200 caractères au plus." }),
  reason,
});
export type RedemptionInput = z.input<typeof redemptionSchema>;
export type Redemption = z.output<typeof redemptionSchema>;

export const reversalSchema = z.object({
  transactionId: z.string().uuid({ message: "Opération inconnue." }),
  reason,
});
export type ReversalInput = z.input<typeof reversalSchema>;
export type Reversal = z.output<typeof reversalSchema>;

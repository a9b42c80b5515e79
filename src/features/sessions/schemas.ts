import { z } from "@/lib/zod-fr";
import { textAreaField } from "@/lib/text-field";

export const endUserSessionsSchema = z.object({
  userId: z.uuid({ message: "Personne inconnue." }),
  reason: textAreaField({ message: "Indiquez le motif." })
    .trim()
    .min(5, { message: "Expliquez le motif en quelques mots (5 caractères au moins)." })
    .max(500, { message: "500 caractères au plus." }),
});
export type EndUserSessionsInput = z.input<typeof endUserSessionsSchema>;
export type EndUserSessions = z.output<typeof endUserSessionsSchema>;

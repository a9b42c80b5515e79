import { z } from "@/lib/zod-fr";

export const correctAdministrationSchema = z.object({
  administrationId: z.string().uuid({ message: "Choisissez une administration dans la liste." }),
});
export type CorrectAdministrationInput = z.infer<typeof correctAdministrationSchema>;

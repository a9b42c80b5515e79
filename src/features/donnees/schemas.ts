import { z } from "zod";

/** Deleting one's account is confirmed by ticking a box that says it is final. */
export const deleteAccountSchema = z.object({
  confirmation: z.literal(true, { error: "Cochez la case pour confirmer que la suppression est définitive." }),
});
export type DeleteAccountInput = z.input<typeof deleteAccountSchema>;

import { z } from "@/lib/zod-fr";

export const respondToProposalSchema = z.object({
  candidateId: z.string().uuid(),
  accept: z.boolean(),
  reason: z.string().trim().max(500, { message: "500 caractères au plus." }).optional(),
});

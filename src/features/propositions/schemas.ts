import { z } from "@/lib/zod-fr";
import { textAreaField } from "@/lib/text-field";

export const respondToProposalSchema = z.object({
  candidateId: z.string().uuid(),
  accept: z.boolean(),
  reason: textAreaField().trim().max(500, { message: "500 caractères au plus." }).optional(),
});

import { z } from "@/lib/zod-fr";

export const sendCandidateListSchema = z.object({ missionId: z.string().uuid() });

export const selectCandidatesSchema = z.object({
  missionId: z.string().uuid(),
  candidateIds: z.array(z.string().uuid()).min(1, { message: "Choisissez au moins un candidat." }),
});

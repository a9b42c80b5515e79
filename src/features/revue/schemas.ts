import { z } from "@/lib/zod-fr";
import { textAreaField, textField } from "@/lib/text-field";

export const OVERRIDE_REASON_LIMITS = { min: 3, max: 500 } as const;

/** Every override of the engine's list says why: the reason goes into the audit log. */
export const overrideReasonSchema = textAreaField({ error: "Indiquez la raison de cette modification." })
  .trim()
  .min(OVERRIDE_REASON_LIMITS.min, { message: `Indiquez la raison de cette modification (${OVERRIDE_REASON_LIMITS.min} caractères au moins).` })
  .max(OVERRIDE_REASON_LIMITS.max, { message: `${OVERRIDE_REASON_LIMITS.max} caractères au plus.` });

export const OVERRIDE_KINDS = ["epingler", "desepingler", "exclure", "reintegrer", "monter", "descendre"] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

export const overrideCandidateSchema = z.object({
  missionId: z.uuid(),
  candidateId: z.uuid(),
  kind: z.enum(OVERRIDE_KINDS),
  reason: overrideReasonSchema,
});
export type OverrideCandidateInput = z.infer<typeof overrideCandidateSchema>;

export const addAgentSchema = z.object({
  missionId: z.uuid(),
  agentId: z.uuid({ error: "Choisissez un agent dans les résultats de la recherche." }),
  reason: overrideReasonSchema,
});
export type AddAgentInput = z.infer<typeof addAgentSchema>;

export const searchAgentsSchema = z.object({
  missionId: z.uuid(),
  query: textField()
    .trim()
    .min(2, { message: "Tapez au moins 2 caractères : nom, courriel ou administration." })
    .max(100, { message: "100 caractères au plus." }),
});
export type SearchAgentsInput = z.infer<typeof searchAgentsSchema>;

export const proposeSelectedSchema = z.object({
  missionId: z.uuid(),
  agentIds: z.array(z.uuid()).min(1, { message: "Sélectionnez au moins un agent." }).max(50, { message: "50 agents au plus à la fois." }),
});
export type ProposeSelectedInput = z.infer<typeof proposeSelectedSchema>;

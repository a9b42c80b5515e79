import { z } from "@/lib/zod-fr";
import { textAreaField, textField } from "@/lib/text-field";

/**
 * A request to DINUM: an administration of the list, or (when it is not there) its SIRET and
 * name. Nothing changes until DINUM approves.
 */
export const requestAdministrationCorrectionSchema = z
  .object({
    administrationId: z.union([z.literal(""), z.string().uuid({ message: "Choisissez une administration dans la liste." })]),
    siret: z.union([z.literal(""), textField().trim().regex(/^\d{14}$/, { message: "Le SIRET compte 14 chiffres, sans espace." })]),
    name: textField().trim().max(200, { message: "Le nom fait au plus 200 caractères." }),
    reason: textAreaField()
      .trim()
      .min(10, { message: "Expliquez en une phrase pourquoi l'administration donnée par ProConnect n'est pas la bonne." })
      .max(1000, { message: "L'explication fait au plus 1 000 caractères." }),
  })
  .superRefine((value, context) => {
    if (!value.administrationId && !value.siret) {
      context.addIssue({ code: "custom", path: ["administrationId"], message: "Choisissez votre administration, ou indiquez son SIRET si elle n'est pas dans la liste." });
    }
    if (value.siret && value.name.length < 2) {
      context.addIssue({ code: "custom", path: ["name"], message: "Indiquez le nom de l'administration de ce SIRET." });
    }
  });
export type RequestAdministrationCorrectionInput = z.input<typeof requestAdministrationCorrectionSchema>;

export const decideAdministrationCorrectionSchema = z
  .object({
    requestId: z.string().uuid(),
    decision: z.enum(["approuvee", "refusee"], { message: "Choisissez d'approuver ou de refuser." }),
    comment: textAreaField().trim().max(1000, { message: "Le commentaire fait au plus 1 000 caractères." }),
  })
  .superRefine((value, context) => {
    if (value.decision === "refusee" && value.comment.length < 3) {
      context.addIssue({ code: "custom", path: ["comment"], message: "Expliquez le refus : la personne le lira." });
    }
  });
export type DecideAdministrationCorrectionInput = z.input<typeof decideAdministrationCorrectionSchema>;

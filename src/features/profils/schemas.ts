import { z } from "@/lib/zod-fr";
import { textAreaField, textField } from "@/lib/text-field";

export const SKILL_LEVELS = ["notions", "autonome", "expert"] as const;
export const SKILL_LEVEL_LABELS: Record<(typeof SKILL_LEVELS)[number], string> = {
  notions: "Notions",
  autonome: "Autonome",
  expert: "Expert",
};

export const RHYTHMS = ["ponctuelle", "recurrente", "indifferent"] as const;
export const RHYTHM_LABELS: Record<(typeof RHYTHMS)[number], string> = {
  ponctuelle: "Ponctuelle (une intervention)",
  recurrente: "Récurrente (quelques heures régulièrement)",
  indifferent: "Indifférent",
};

export const WORK_MODES = ["distance", "sur_site", "mixte"] as const;
export const WORK_MODE_LABELS: Record<(typeof WORK_MODES)[number], string> = {
  distance: "À distance uniquement",
  sur_site: "Sur site",
  mixte: "Mixte (à distance et sur site)",
};

export const VISIBILITIES = ["ouvert", "en_pause"] as const;
export const VISIBILITY_LABELS: Record<(typeof VISIBILITIES)[number], string> = {
  ouvert: "Ouvert aux propositions de missions",
  en_pause: "En pause : je ne reçois pas de proposition",
};

export const PRESENTATION_MIN = 50;
export const PRESENTATION_MAX = 3000;
export const SKILLS_MAX = 30;
export const PLACES_MAX = 10;
export const HOURS_PER_MONTH_MAX = 80;

export const profileSkillSchema = z.object({
  label: textField()
    .trim()
    .min(1, { message: "Compétence vide." })
    .max(80, { message: "Une compétence fait au plus 80 caractères." }),
  conceptId: textField().min(1).max(100).nullable(),
  level: z.enum(SKILL_LEVELS, { message: "Choisissez un niveau : notions, autonome ou expert." }),
});

const isoDate = z.union([z.literal(""), z.iso.date({ message: "Saisissez une date valide (jj/mm/aaaa)." })]);

const profileFields = z.object({
  skills: z
    .array(profileSkillSchema)
    .min(1, { message: "Ajoutez au moins une compétence." })
    .max(SKILLS_MAX, { message: `${SKILLS_MAX} compétences au plus : gardez les plus utiles.` })
    .superRefine((skills, context) => {
      const seen = new Set<string>();
      skills.forEach((skill, index) => {
        const key = skill.conceptId ?? skill.label.toLocaleLowerCase("fr");
        if (seen.has(key)) {
          context.addIssue({ code: "custom", path: [index, "label"], message: "Cette compétence figure déjà dans la liste." });
        }
        seen.add(key);
      });
    }),
  presentation: textAreaField()
    .trim()
    .min(PRESENTATION_MIN, { message: `Présentez votre expérience en ${PRESENTATION_MIN} caractères au moins.` })
    .max(PRESENTATION_MAX, { message: `Votre présentation fait au plus ${PRESENTATION_MAX} caractères.` }),
  hoursPerMonth: z
    .number({ message: "Indiquez un nombre d'heures par mois." })
    .int({ message: "Indiquez un nombre entier d'heures." })
    .min(1, { message: "Indiquez au moins 1 heure par mois." })
    .max(HOURS_PER_MONTH_MAX, { message: `${HOURS_PER_MONTH_MAX} heures par mois au plus.` }),
  availableFrom: isoDate,
  availableUntil: isoDate,
  rhythm: z.enum(RHYTHMS, { message: "Choisissez un rythme." }),
  workMode: z.enum(WORK_MODES, { message: "Choisissez entre à distance, sur site ou mixte." }),
  places: z
    .array(
      textField()
        .trim()
        .min(1, { message: "Lieu vide." })
        .max(80, { message: "Un lieu fait au plus 80 caractères." }),
    )
    .max(PLACES_MAX, { message: `${PLACES_MAX} lieux au plus.` }),
  managerName: textField()
    .trim()
    .min(2, { message: "Indiquez le nom de votre responsable." })
    .max(120, { message: "Le nom fait au plus 120 caractères." }),
  managerEmail: textField()
    .trim()
    .toLowerCase()
    .min(1, { message: "Indiquez l'adresse électronique professionnelle de votre responsable." })
    .max(254, { message: "L'adresse fait au plus 254 caractères." })
    .pipe(z.email({ message: "Saisissez une adresse électronique valide, par exemple prenom.nom@interieur.gouv.fr." })),
  visibility: z.enum(VISIBILITIES, { message: "Choisissez si votre profil est ouvert ou en pause." }),
});

/** Cross-field rules run as soon as the fields they read are valid, so that every error shows at once. */
function whenValid(...keys: (keyof typeof profileFields.shape)[]) {
  const subset = profileFields.pick(Object.fromEntries(keys.map((key) => [key, true])) as Partial<Record<keyof typeof profileFields.shape, true>>);
  return (payload: { value: unknown }) => subset.safeParse(payload.value).success;
}

export const profileSchema = profileFields
  .refine((profile) => !(profile.availableFrom && profile.availableUntil && profile.availableFrom > profile.availableUntil), {
    path: ["availableUntil"],
    message: "La fin de disponibilité doit être après son début.",
    when: whenValid("availableFrom", "availableUntil"),
  })
  .refine((profile) => profile.workMode === "distance" || profile.places.length > 0, {
    path: ["places"],
    message: "Indiquez au moins une ville où vous pouvez vous déplacer.",
    when: whenValid("workMode", "places"),
  });

export type ProfileInput = z.input<typeof profileSchema>;
export type ProfileValues = z.output<typeof profileSchema>;

/** A blank profile, as the form shows it before the first save. */
export const EMPTY_PROFILE: ProfileInput = {
  skills: [],
  presentation: "",
  hoursPerMonth: 8,
  availableFrom: "",
  availableUntil: "",
  rhythm: "indifferent",
  workMode: "distance",
  places: [],
  managerName: "",
  managerEmail: "",
  visibility: "ouvert",
};

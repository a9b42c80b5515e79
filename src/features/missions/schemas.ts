import { isCalendarDay } from "@/lib/period";
import { z } from "@/lib/zod-fr";
import { textAreaField, textField } from "@/lib/text-field";

export const WORK_MODES = ["distance", "sur_site", "mixte"] as const;
export type WorkMode = (typeof WORK_MODES)[number];
export const WORK_MODE_LABELS: Record<WorkMode, string> = {
  distance: "À distance",
  sur_site: "Sur site",
  mixte: "Mixte (distance et sur site)",
};

export const RHYTHMS = ["ponctuelle", "recurrente"] as const;
export type Rhythm = (typeof RHYTHMS)[number];
export const RHYTHM_LABELS: Record<Rhythm, string> = {
  ponctuelle: "Ponctuelle (une intervention)",
  recurrente: "Récurrente (plusieurs séances)",
};

export const SKILL_LEVELS = ["notions", "autonome", "expert"] as const;
export const SKILL_LEVEL_LABELS: Record<(typeof SKILL_LEVELS)[number], string> = {
  notions: "Notions",
  autonome: "Autonome",
  expert: "Expert",
};

export const MISSION_LIMITS = {
  title: 150,
  context: 2000,
  description: 5000,
  confidentiality: 1000,
  place: 120,
  skillLabel: 80,
  skills: 15,
  minHours: 1,
  maxHours: 400,
  moderationComment: 2000,
  archiveReason: 500,
} as const;

const trimmed = (max: number, what: string) =>
  textAreaField().trim().max(max, { message: `${what} : ${max} caractères au maximum.` });

/** "" (not given yet) or a real calendar day as yyyy-mm-dd, the value of an <input type="date">. */
const optionalDate = textField()
  .refine((value) => value === "" || isCalendarDate(value), { message: "Saisissez une date valide (jj/mm/aaaa)." });

export const isCalendarDate = isCalendarDay;

export const missionSkillSchema = z.object({
  label: textField()
    .trim()
    .min(1, { message: "Donnez un nom à la compétence." })
    .max(MISSION_LIMITS.skillLabel, { message: `Nom de compétence : ${MISSION_LIMITS.skillLabel} caractères au maximum.` }),
  conceptId: textField().max(100).nullable(),
  required: z.boolean(),
  level: z.enum(SKILL_LEVELS, { message: "Choisissez un niveau : notions, autonome ou expert." }),
});

/** Every field of the mission form, each valid on its own; completeness is checked on submission only. */
const missionFields = z.object({
  title: textField()
    .trim()
    .min(1, { message: "Donnez un titre à la mission, même provisoire." })
    .max(MISSION_LIMITS.title, { message: `Titre : ${MISSION_LIMITS.title} caractères au maximum.` }),
  context: trimmed(MISSION_LIMITS.context, "Contexte"),
  description: trimmed(MISSION_LIMITS.description, "Description"),
  skills: z
    .array(missionSkillSchema)
    .max(MISSION_LIMITS.skills, { message: `${MISSION_LIMITS.skills} compétences au maximum : gardez les plus importantes.` }),
  totalHours: z
    .number({ message: "Saisissez un nombre d'heures." })
    .int({ message: "Saisissez un nombre entier d'heures." })
    .min(MISSION_LIMITS.minHours, { message: `Au moins ${MISSION_LIMITS.minHours} heure.` })
    .max(MISSION_LIMITS.maxHours, { message: `${MISSION_LIMITS.maxHours} heures au maximum pour une mission.` })
    .nullable(),
  rhythm: z.enum(RHYTHMS, { message: "Choisissez un rythme : ponctuel ou récurrent." }),
  startDate: optionalDate,
  endDate: optionalDate,
  staffingDeadline: optionalDate,
  workMode: z.enum(WORK_MODES, { message: "Choisissez à distance, sur site ou mixte." }),
  place: trimmed(MISSION_LIMITS.place, "Lieu"),
  confidentiality: trimmed(MISSION_LIMITS.confidentiality, "Confidentialité"),
});
export type MissionFields = z.infer<typeof missionFields>;

type Context = z.RefinementCtx<MissionFields>;

/** Rules between fields that hold as soon as both are given, even in a draft. */
function checkCoherence(values: MissionFields, context: Context) {
  const { startDate, endDate, staffingDeadline } = values;
  if (startDate && endDate && isCalendarDate(startDate) && isCalendarDate(endDate) && startDate > endDate) {
    context.addIssue({ code: "custom", path: ["endDate"], message: "La date de fin doit être le jour du début ou après." });
  }
  if (staffingDeadline && startDate && isCalendarDate(staffingDeadline) && isCalendarDate(startDate) && staffingDeadline > startDate) {
    context.addIssue({
      code: "custom",
      path: ["staffingDeadline"],
      message: "La date limite pour trouver un agent doit être au plus tard le jour du début.",
    });
  }
  const seen = new Set<string>();
  values.skills.forEach((skill, index) => {
    const key = skill.conceptId ?? skill.label.toLowerCase();
    if (seen.has(key)) {
      context.addIssue({ code: "custom", path: ["skills", index, "label"], message: "Cette compétence est déjà dans la liste." });
    }
    seen.add(key);
  });
}

/** What moderation needs to judge a mission: checked when it is submitted. */
function checkComplete(values: MissionFields, context: Context) {
  const missing = (path: keyof MissionFields, message: string) => context.addIssue({ code: "custom", path: [path], message });
  if (values.context.length < 20) missing("context", "Décrivez le contexte en quelques phrases (20 caractères au moins).");
  if (values.description.length < 50) missing("description", "Décrivez la mission : ce qu'il y a à faire et le résultat attendu (50 caractères au moins).");
  if (!values.skills.some((skill) => skill.required)) {
    missing("skills", "Ajoutez au moins une compétence indispensable.");
  }
  if (values.totalHours === null) missing("totalHours", "Estimez le nombre total d'heures.");
  if (!values.startDate) missing("startDate", "Indiquez la date de début.");
  if (!values.endDate) missing("endDate", "Indiquez la date de fin.");
  if (!values.staffingDeadline) missing("staffingDeadline", "Indiquez la date limite pour trouver un agent.");
  if (values.workMode !== "distance" && values.place.length < 2) {
    missing("place", "Indiquez le lieu : la mission n'est pas entièrement à distance.");
  }
}

const missionId = z.uuid({ message: "Mission inconnue." });

/** The form and its actions: `missionId` is null until the first save. */
const missionFormFields = missionFields.extend({ missionId: missionId.nullable() });
export type MissionFormValues = z.infer<typeof missionFormFields>;
export const saveMissionDraftSchema = missionFormFields.superRefine(checkCoherence);
export const submitMissionSchema = missionFormFields.superRefine((values, context) => {
  checkCoherence(values, context);
  checkComplete(values, context);
});

export const EMPTY_MISSION: MissionFormValues = {
  missionId: null,
  title: "",
  context: "",
  description: "",
  skills: [],
  totalHours: null,
  rhythm: "ponctuelle",
  startDate: "",
  endDate: "",
  staffingDeadline: "",
  workMode: "distance",
  place: "",
  confidentiality: "",
};

export const publishMissionSchema = z.object({ missionId });

export const returnMissionSchema = z.object({
  missionId,
  comment: textAreaField()
    .trim()
    .min(10, { message: "Expliquez au demandeur ce qu'il doit modifier (10 caractères au moins)." })
    .max(MISSION_LIMITS.moderationComment, { message: `Commentaire : ${MISSION_LIMITS.moderationComment} caractères au maximum.` }),
});
export type ReturnMissionInput = z.infer<typeof returnMissionSchema>;

export const archiveMissionSchema = z.object({
  missionId,
  reason: textAreaField()
    .trim()
    .min(5, { message: "Indiquez pourquoi la mission est archivée (5 caractères au moins)." })
    .max(MISSION_LIMITS.archiveReason, { message: `Motif : ${MISSION_LIMITS.archiveReason} caractères au maximum.` }),
});
export type ArchiveMissionInput = z.infer<typeof archiveMissionSchema>;

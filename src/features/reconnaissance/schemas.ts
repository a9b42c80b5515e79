import { isCalendarDay } from "@/lib/period";
import { z } from "@/lib/zod-fr";
import { textAreaField, textField } from "@/lib/text-field";

export type RawSearchParams = Record<string, string | string[] | undefined>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isCalendarDate = isCalendarDay;

/** Today in Paris as yyyy-mm-dd, so that browser and server agree on what « passée » means. */
export function todayInParis(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

// A filter that does not parse is ignored, never an error page.
const optionalDate = textField()
  .regex(ISO_DATE)
  .refine(isCalendarDate)
  .optional()
  .catch(undefined);

export const CONTRIBUTORS_LIMIT_DEFAULT = 20;

/** The filters of the top contributors, read from the URL of the GET form. */
export const contributorsQuerySchema = z.object({
  /** Period of confirmation of the hours, both ends included. */
  du: optionalDate,
  au: optionalDate,
  ministere: textField()
    .trim()
    .max(200)
    .transform((value) => value || undefined)
    .optional()
    .catch(undefined),
  limite: z.coerce.number().int().min(1).max(100).catch(CONTRIBUTORS_LIMIT_DEFAULT),
});
export type ContributorsQuery = z.infer<typeof contributorsQuerySchema>;

export function parseContributorsQuery(raw: RawSearchParams): ContributorsQuery {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return contributorsQuerySchema.parse({ du: first(raw.du), au: first(raw.au), ministere: first(raw.ministere), limite: first(raw.limite) });
}

export const EVENT_LIMITS = { name: { min: 3, max: 120 }, place: { min: 2, max: 200 }, message: { max: 1000 }, invitees: 100 } as const;

/** DINUM invites chosen contributors to an event: shared by the form and the server action. */
export const inviteToEventSchema = z.object({
  userIds: z
    .array(z.uuid())
    .min(1, { message: "Choisissez au moins un contributeur à inviter." })
    .max(EVENT_LIMITS.invitees, { message: `Invitez au plus ${EVENT_LIMITS.invitees} personnes à la fois.` }),
  eventName: textField()
    .trim()
    .min(EVENT_LIMITS.name.min, { message: `Indiquez le nom de l'événement (${EVENT_LIMITS.name.min} caractères au moins).` })
    .max(EVENT_LIMITS.name.max, { message: `Le nom de l'événement tient en ${EVENT_LIMITS.name.max} caractères.` }),
  eventDate: textField()
    .regex(ISO_DATE, { message: "Indiquez la date de l'événement." })
    .refine(isCalendarDate, { message: "Cette date n'existe pas." })
    .refine((value) => value >= todayInParis(), { message: "La date de l'événement est passée." }),
  place: textField()
    .trim()
    .min(EVENT_LIMITS.place.min, { message: "Indiquez le lieu de l'événement (ou « en ligne »)." })
    .max(EVENT_LIMITS.place.max, { message: `Le lieu tient en ${EVENT_LIMITS.place.max} caractères.` }),
  message: textAreaField().trim().max(EVENT_LIMITS.message.max, { message: `Le message tient en ${EVENT_LIMITS.message.max} caractères.` }),
});
export type InviteToEventInput = z.infer<typeof inviteToEventSchema>;

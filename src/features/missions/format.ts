import type { MissionState } from "./transitions";

const dateFormat = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

/** "2027-03-01" → "1 mars 2027"; an empty date reads « non renseignée ». */
export function formatDay(isoDate: string | null | undefined): string {
  if (!isoDate) return "non renseignée";
  return dateFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "—";
  return dateTimeFormat.format(typeof value === "string" ? new Date(value) : value);
}

export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return "non renseigné";
  return `${hours} heure${hours > 1 ? "s" : ""}`;
}

/** DSFR badge severity of each state, so that a list reads at a glance. */
export const STATE_BADGE_SEVERITY: Record<MissionState, "success" | "info" | "warning" | "new" | undefined> = {
  brouillon: undefined,
  soumise: "info",
  a_modifier: "warning",
  publiee: "success",
  en_cours: "new",
  terminee: undefined,
  archivee: undefined,
};

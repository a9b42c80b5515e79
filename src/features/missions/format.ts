import { formatDate, plural } from "@/lib/format-fr";
import type { MissionState } from "./transitions";

export { formatDate, formatDateTime } from "@/lib/format-fr";

/** "2027-03-01" → "1er mars 2027"; an empty date reads « non renseignée ». */
export function formatDay(isoDate: string | null | undefined): string {
  return formatDate(isoDate);
}

export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return "non renseigné";
  return plural(hours, "heure", "heures");
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

import { formatDate } from "./format-fr";

/**
 * Days and periods as forms and filters carry them: `yyyy-mm-dd` (an <input type="date">), and a
 * period `?du=…&au=…` of days in Paris time, both ends included.
 */

/** A real calendar day written yyyy-mm-dd (not 2025-02-30). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export interface DayPeriod {
  /** First day, included. */
  du?: string;
  /** Last day, included. */
  au?: string;
}

type RawSearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

/**
 * Reads `?du=…&au=…`. A day that does not exist is ignored; a period that ends before it starts
 * is not applied, and says so in French.
 */
export function readPeriod(raw: RawSearchParams): { period: DayPeriod; error?: string } {
  const day = (key: string) => {
    const value = raw instanceof URLSearchParams ? raw.get(key) : raw[key];
    const first = Array.isArray(value) ? value[0] : value;
    return first && isCalendarDay(first) ? first : undefined;
  };
  const period = { du: day("du"), au: day("au") };
  if (period.du && period.au && period.du > period.au) {
    return { period: {}, error: "La date de fin précède la date de début : la période n'est pas appliquée." };
  }
  return { period };
}

/** The period as a query string (for pagination and download links). */
export function periodSearchParams(period: DayPeriod, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  if (period.du) params.set("du", period.du);
  if (period.au) params.set("au", period.au);
  for (const [name, value] of Object.entries(extra)) params.set(name, String(value));
  return params.toString();
}

/** « 12 juin 2030 », « 1er février 2025 ». */
export function frenchDay(isoDay: string): string {
  return formatDate(isoDay);
}

/** « du 1er février 2025 au 28 février 2025 », « depuis le … », « jusqu’au … », « depuis le début ». */
export function describePeriod({ du, au }: DayPeriod): string {
  if (du && au) return `du ${frenchDay(du)} au ${frenchDay(au)}`;
  if (du) return `depuis le ${frenchDay(du)}`;
  return au ? `jusqu’au ${frenchDay(au)}` : "depuis le début";
}

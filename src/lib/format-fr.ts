/**
 * The one way dates, numbers and plurals are written on the site and in emails.
 *
 * Dates read « 1er mars 2027 » (with the time: « 1er mars 2027 à 14 h 05 »), in Paris time.
 * Strings are assembled from numeric parts and our own month names, so that the server (Node's
 * ICU) and the browser (Chromium's) write exactly the same text: a difference of one space or
 * word between them is a React hydration error.
 */

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

const parisParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  hourCycle: "h23",
});

type DateInput = Date | string | null | undefined;

/** A calendar day "2027-03-01" stays that day; an instant is read in Paris time. */
function partsOf(value: Date | string) {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [year, month, day] = value.split("-").map(Number) as [number, number, number];
    return { year, month, day, hour: 0, minute: 0 };
  }
  const date = typeof value === "string" ? new Date(value) : value;
  const parts = Object.fromEntries(parisParts.formatToParts(date).map((part) => [part.type, part.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute) };
}

function dayText(day: number, month: number, year: number) {
  return `${day === 1 ? "1er" : day} ${MONTHS[month - 1]} ${year}`;
}

/** « 1er mars 2027 »; an empty value reads `empty`. */
export function formatDate(value: DateInput, empty = "non renseignée"): string {
  if (!value) return empty;
  const { day, month, year } = partsOf(value);
  return dayText(day, month, year);
}

/** « 1er mars 2027 à 14 h 05 » (Paris time); an empty value reads `empty`. */
export function formatDateTime(value: DateInput, empty = "—"): string {
  if (!value) return empty;
  const { day, month, year, hour, minute } = partsOf(value);
  return `${dayText(day, month, year)} à ${hour} h ${String(minute).padStart(2, "0")}`;
}

/** « du 1er mars 2027 au 30 avril 2027 », with « à préciser » for a missing end. */
export function formatDateRange(start: DateInput, end: DateInput): string {
  return `du ${formatDate(start, "(à préciser)")} au ${formatDate(end, "(à préciser)")}`;
}

const numberFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

/** « 1 234,5 », « −36 »: French grouping and decimal comma, and the true minus sign (U+2212). */
export function formatNumber(value: number): string {
  const text = numberFormat.format(Math.abs(value));
  return value < 0 && text !== "0" ? `\u2212${text}` : text;
}

const pluralRules = new Intl.PluralRules("fr-FR");

/** « 0 candidat », « 1 candidat », « 2 candidats »: French plural rules (0 and 1 are singular). */
export function plural(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${pluralRules.select(count) === "one" ? one : many}`;
}

/** The word alone, for sentences where the number is written apart: « 2 missions attendent ». */
export function pluralWord(count: number, one: string, many: string): string {
  return pluralRules.select(count) === "one" ? one : many;
}

const FEMININE = /^(mairie|préfecture|direction|région|agence|caisse|université|commune|ville|communauté|métropole|délégation|inspection|cour|chambre|académie|maison|mission)\b/i;
const MASCULINE = /^(ministère|département|conseil|centre|service|secrétariat|chu|ch|hôpital|office|rectorat|tribunal|syndicat|groupement|commissariat|institut|établissement|musée|parc)\b/i;

/**
 * « par la Mairie de Saint-Brieuc », « par le Ministère de l'Intérieur », « par l'Agence… »:
 * the article an administration's name takes after a preposition. A name that is a brand
 * (« Météo-France », « France Travail ») takes none.
 */
export function withArticle(name: string): string {
  const trimmed = name.trim();
  if (/^(l'|l’|la |le |les )/i.test(trimmed)) return trimmed;
  if (/^[aeiouyéèêàâîôûh]/i.test(trimmed) && (FEMININE.test(trimmed) || MASCULINE.test(trimmed))) return `l’${trimmed}`;
  if (FEMININE.test(trimmed)) return `la ${trimmed}`;
  if (MASCULINE.test(trimmed)) return `le ${trimmed}`;
  return trimmed;
}

/** « mars 2025 » for "2025-03" (a yyyy-mm month); the text unchanged if it is not one. */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const name = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && name ? `${name} ${match[1]}` : month;
}

const WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

/** « mercredi 12 juin 2030 », for a calendar day such as an event's. */
export function formatDateWithWeekday(isoDay: string): string {
  const { day, month, year } = partsOf(isoDay);
  return `${WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]} ${dayText(day, month, year)}`;
}

import { z } from "@/lib/zod-fr";
import { textField } from "@/lib/text-field";
import { WORK_MODES } from "./schemas";
import { MISSION_STATES } from "./transitions";

/**
 * Lists are driven by URL search params so that a filtered view can be shared.
 * A param that does not parse is ignored, never an error page.
 */
export type RawSearchParams = Record<string, string | string[] | undefined>;

const text = (max: number) =>
  textField()
    .trim()
    .max(max)
    .transform((value) => value || undefined)
    .optional()
    .catch(undefined);
// An empty form field arrives as "": it means "no filter", not zero.
const positiveInt = (max: number) =>
  z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(0).max(max).optional()).catch(undefined);
const month = textField()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .optional()
  .catch(undefined);
const page = z.coerce.number().int().min(1).max(10_000).catch(1);

/** The `?page=` of a paginated list: a whole number from 1, at most 10,000; anything else is page 1. */
export function pageParam(value: string | undefined): number {
  const requested = Number(value ?? 1);
  return Number.isInteger(requested) && requested >= 1 ? Math.min(requested, 10_000) : 1;
}

export const CATALOGUE_SORTS = ["pertinence", "recentes", "echeance", "effort"] as const;
export type CatalogueSort = (typeof CATALOGUE_SORTS)[number];
export const CATALOGUE_SORT_LABELS: Record<CatalogueSort, string> = {
  pertinence: "Pertinence (avec une recherche)",
  recentes: "Plus récentes",
  echeance: "Date limite la plus proche",
  effort: "Effort le plus court",
};

export const catalogueQuerySchema = z.object({
  q: text(200),
  famille: text(60),
  mode: z.enum(WORK_MODES).optional().catch(undefined),
  lieu: text(120),
  heuresMin: positiveInt(400),
  heuresMax: positiveInt(400),
  /** Period wanted, as months yyyy-mm: missions whose dates overlap it. */
  du: month,
  au: month,
  tri: z.enum(CATALOGUE_SORTS).optional().catch(undefined),
  page,
});
export type CatalogueQuery = z.infer<typeof catalogueQuerySchema>;

export const DINUM_SORTS = ["titre", "administration", "etat", "soumission", "creation"] as const;
export type DinumSort = (typeof DINUM_SORTS)[number];

export const dinumMissionsQuerySchema = z.object({
  q: text(200),
  etat: z.enum(MISSION_STATES).optional().catch(undefined),
  /**
   * An administration: its id (an exact filter, for links) or part of its name, typed in the
   * search field that replaced the list of every administration (a few hundred options).
   */
  administration: text(200),
  /** `a_envoyer`: published missions with consented candidates the demandeur has not received yet. */
  liste: z.enum(["a_envoyer"]).optional().catch(undefined),
  tri: z.enum(DINUM_SORTS).catch("creation"),
  ordre: z.enum(["asc", "desc"]).catch("desc"),
  page,
});
export type DinumMissionsQuery = z.infer<typeof dinumMissionsQuerySchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `administration` filter is an administration's id (else it is part of a name). */
export function isAdministrationId(value: string): boolean {
  return UUID.test(value);
}

function firstValues(params: RawSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) values[key] = first;
  }
  return values;
}

export function parseCatalogueQuery(params: RawSearchParams): CatalogueQuery {
  return catalogueQuerySchema.parse(firstValues(params));
}

export function parseDinumMissionsQuery(params: RawSearchParams): DinumMissionsQuery {
  return dinumMissionsQuerySchema.parse(firstValues(params));
}

/** The URL of a list with some params changed; empty values are dropped to keep links short. */
export function hrefWith(pathname: string, query: Record<string, string | number | undefined | null>, changes: Record<string, string | number | undefined | null> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...changes })) {
    if (value === undefined || value === null || value === "") continue;
    if (key === "page" && Number(value) === 1) continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${pathname}?${search}` : pathname;
}

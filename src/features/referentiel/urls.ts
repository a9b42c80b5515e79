import type { ConceptListQuery } from "./schemas";

const DEFAULTS: ConceptListQuery = { q: "", famille: "", tri: "label", ordre: "asc", page: 1 };

/** URL of the DINUM concept table for a view: defaults are left out, so that shared links stay short. */
export function conceptListHref(query: Partial<ConceptListQuery>): string {
  const params = new URLSearchParams();
  const merged = { ...DEFAULTS, ...query };
  for (const key of Object.keys(DEFAULTS) as (keyof ConceptListQuery)[]) {
    if (merged[key] !== DEFAULTS[key] && merged[key] !== "") params.set(key, String(merged[key]));
  }
  const search = params.toString();
  return search ? `/dinum/referentiel?${search}` : "/dinum/referentiel";
}

export function conceptHref(id: string): string {
  return `/dinum/referentiel/${encodeURIComponent(id)}`;
}

export const FREE_TAGS_HREF = "/dinum/referentiel/competences-libres";
export const NEW_CONCEPT_HREF = "/dinum/referentiel/nouveau";

import { FAMILLES } from "@/lib/matching/referentiel/familles";
import { z } from "@/lib/zod-fr";
import { textAreaField, textField } from "@/lib/text-field";

export const CONCEPT_LABEL_MAX = 80;
export const CONCEPT_TERM_MAX = 80;
export const CONCEPT_TERMS_PER_LIST_MAX = 60;

const familyIds = new Set(FAMILLES.map((family) => family.id));

/** "Linux\nDebian, Ubuntu" → ["Linux", "Debian", "Ubuntu"]: one term per line or comma, duplicates dropped. */
export function splitTerms(text: string): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const raw of text.split(/[\n,;]/)) {
    const term = raw.trim().replace(/\s+/g, " ");
    const key = term.toLocaleLowerCase("fr");
    if (!term || seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
  }
  return terms;
}

/** A list of terms typed in a text area (one per line), checked as a list. */
function termsField(what: string) {
  return textAreaField()
    .max(6000, { message: `La liste des ${what} est trop longue.` })
    .transform(splitTerms)
    .refine((terms) => terms.every((term) => term.length <= CONCEPT_TERM_MAX), {
      message: `Chaque terme fait au plus ${CONCEPT_TERM_MAX} caractères.`,
    })
    .refine((terms) => terms.length <= CONCEPT_TERMS_PER_LIST_MAX, {
      message: `${CONCEPT_TERMS_PER_LIST_MAX} ${what} au plus.`,
    });
}

export const familySchema = textField({ message: "Choisissez une famille." })
  .refine((family) => familyIds.has(family), { message: "Choisissez une famille de la liste." });

/** A concept as DINUM types it: synonyms, acronyms and English terms one per line. */
export const conceptSchema = z.object({
  label: textField()
    .trim()
    .min(2, { message: "Le libellé fait au moins 2 caractères." })
    .max(CONCEPT_LABEL_MAX, { message: `Le libellé fait au plus ${CONCEPT_LABEL_MAX} caractères.` }),
  family: familySchema,
  synonyms: termsField("synonymes"),
  acronyms: termsField("sigles"),
  english: termsField("termes anglais"),
});
export type ConceptFormValues = z.input<typeof conceptSchema>;
export type ConceptInput = z.output<typeof conceptSchema>;

export const conceptIdSchema = textField().min(1).max(100);

export const updateConceptSchema = conceptSchema.extend({ id: conceptIdSchema });

const freeTagLabel = textField()
  .trim()
  .min(1, { message: "Compétence libre manquante." })
  .max(CONCEPT_LABEL_MAX, { message: `Le libellé fait au plus ${CONCEPT_LABEL_MAX} caractères.` });

/** Turns a free tag into a new concept of the référentiel, or into a synonym of an existing one. */
export const convertFreeTagSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("concept"), freeTag: freeTagLabel, family: familySchema }),
  z.object({
    mode: z.literal("synonyme"),
    freeTag: freeTagLabel,
    conceptId: conceptIdSchema.refine(Boolean, { message: "Choisissez un concept." }),
  }),
]);
export type ConvertFreeTagInput = z.infer<typeof convertFreeTagSchema>;

export const CONCEPT_SORTS = ["label", "family", "updatedAt"] as const;
export type ConceptSort = (typeof CONCEPT_SORTS)[number];

/** Search params of the DINUM table, read from the URL: anything unexpected falls back to a default. */
export const conceptListQuerySchema = z.object({
  q: textField().trim().max(100).catch(""),
  famille: textField().refine((family) => family === "" || familyIds.has(family)).catch(""),
  tri: z.enum(CONCEPT_SORTS).catch("label"),
  ordre: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type ConceptListQuery = z.output<typeof conceptListQuerySchema>;

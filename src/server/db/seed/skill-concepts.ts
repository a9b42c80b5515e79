import { skillConcepts } from "../schema";
import type { Executor } from "../client";
import { REFERENTIEL_CONCEPTS } from "@/lib/matching/referentiel/concepts.data";
import { foldText } from "@/lib/matching/text";

/** Inserts the curated référentiel; concepts DINUM already edited are left alone. */
export async function seedSkillConcepts(executor: Executor) {
  const rows = REFERENTIEL_CONCEPTS.map((concept) => ({
    id: concept.id,
    label: concept.label,
    family: concept.family,
    synonyms: concept.synonyms,
    acronyms: concept.acronyms,
    english: concept.english,
  }));
  for (let start = 0; start < rows.length; start += 100) {
    await executor.insert(skillConcepts).values(rows.slice(start, start + 100)).onConflictDoNothing();
  }
}

let conceptIdByForm: Map<string, string> | undefined;

/** The référentiel concept a seed label names exactly (accents and case aside), or null for a free tag. */
export function conceptIdForLabel(label: string): string | null {
  if (!conceptIdByForm) {
    conceptIdByForm = new Map();
    for (const concept of REFERENTIEL_CONCEPTS) {
      for (const form of [concept.label, ...concept.synonyms, ...concept.acronyms, ...concept.english]) {
        conceptIdByForm.set(foldText(form), concept.id);
      }
    }
  }
  return conceptIdByForm.get(foldText(label)) ?? null;
}

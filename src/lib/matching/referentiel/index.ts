/**
 * Référentiel lookup: built from an array of concepts (seed data or rows edited in the database).
 */
import { addProtectedWords, analyzeText, editDistance, foldText } from "../text";
import { REFERENTIEL_CONCEPTS } from "./concepts.data";
import { FAMILLES } from "./familles";
import type { SkillConcept, SkillFamily } from "./types";

export type { SkillConcept, SkillFamily } from "./types";
export { REFERENTIEL_CONCEPTS } from "./concepts.data";
export { FAMILLES } from "./familles";

export interface FormEntry {
  conceptIndex: number;
  /** The surface form as written in the référentiel. */
  form: string;
  /** Counts only with other evidence of the same family in the same text. */
  ambiguous: boolean;
  /**
   * Strong evidence on its own: several words, an acronym or a tool name (capitals, digits,
   * symbols). A lone everyday word ("personas", "former") is weak: see concepts.ts.
   */
  strong: boolean;
  /** For a one-word form, its folded word: a text word must be close to it, not only share its stem. */
  surface?: string;
}

export interface FormTrieNode {
  children: Map<number, FormTrieNode>;
  /** The concepts of the form that ends here. */
  entries?: FormEntry[];
}

/** Kind of link between two concepts, from the closest to the loosest. */
export type ConceptLink = "broader" | "related";

export interface Referentiel {
  concepts: SkillConcept[];
  families: SkillFamily[];
  conceptIndexById: Map<string, number>;
  familyIndexById: Map<string, number>;
  /** Family index of each concept. */
  familyOfConcept: Int32Array;
  /** The forms as a trie over term ids: phrase matching walks it without building strings. */
  formTrie: FormTrieNode;
  /** Id of each term used by a form (the keys of the trie). */
  termIds: Map<string, number>;
  /** Every folded word used by a surface form, mapped to its stem (for typo correction). */
  vocabularyWords: Map<string, string>;
  vocabularyTerms: Set<string>;
  /** Deletion neighbourhood of vocabulary words (SymSpell-like), for distance-1 typo lookups. */
  deletions: Map<string, string[]>;
  /** Symmetric links between concepts, by concept index. */
  links: Map<number, Map<number, ConceptLink>>;
  /** Concepts outside digital skills: they disambiguate ("sécurité routière") but earn no family credit. */
  isOutsideDigital: Uint8Array;
  /** Folded labels and forms of each concept, split into words once, for the tag picker. */
  suggestForms: { conceptIndex: number; folded: string; form: string; words: string[]; isLabel: boolean }[];
}

const FORM_WORD_SEPARATOR = /[\s\-/'.]+/;

function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function termsKey(text: string): { key: string; words: string[]; terms: string[] } {
  const { sequence } = analyzeText(text);
  return {
    key: sequence.map((t) => t.term).join(" "),
    words: sequence.map((t) => t.word),
    terms: sequence.map((t) => t.term),
  };
}

/** Builds the lookup structures of a référentiel. Unknown families are created on the fly. */
export function buildReferentiel(concepts: SkillConcept[] = REFERENTIEL_CONCEPTS, families: SkillFamily[] = FAMILLES): Referentiel {
  const allFamilies = [...families];
  const familyIndexById = new Map(allFamilies.map((f, i) => [f.id, i] as const));
  for (const concept of concepts) {
    if (!familyIndexById.has(concept.family)) {
      familyIndexById.set(concept.family, allFamilies.length);
      allFamilies.push({ id: concept.family, label: concept.family, partialCredit: 0.3 });
    }
  }
  // Tool names and acronyms are kept whole by the stemmer, whatever their casing in a text.
  const protectedWords: string[] = [];
  for (const concept of concepts) {
    for (const form of [concept.label, ...concept.synonyms, ...concept.acronyms, ...concept.english, ...(concept.ambiguous ?? [])]) {
      if (/^\S+$/.test(form) && /[A-Z]/.test(form)) protectedWords.push(form);
    }
  }
  addProtectedWords(protectedWords);

  const conceptIndexById = new Map(concepts.map((c, i) => [c.id, i] as const));
  const familyOfConcept = new Int32Array(concepts.length);
  const isOutsideDigital = new Uint8Array(concepts.length);
  // Key = space-joined stemmed terms of a surface form; turned into the trie below.
  const forms = new Map<string, FormEntry[]>();
  const vocabularyWords = new Map<string, string>();
  const vocabularyTerms = new Set<string>();
  const suggestForms: Referentiel["suggestForms"] = [];

  concepts.forEach((concept, conceptIndex) => {
    const family = allFamilies[familyIndexById.get(concept.family)!]!;
    familyOfConcept[conceptIndex] = familyIndexById.get(concept.family)!;
    isOutsideDigital[conceptIndex] = family.partialCredit === 0 ? 1 : 0;
    const ambiguous = new Set((concept.ambiguous ?? []).map((f) => termsKey(f).key));
    const allForms = [concept.label, ...concept.synonyms, ...concept.acronyms, ...concept.english, ...(concept.ambiguous ?? [])];
    const seen = new Set<string>();
    for (const form of allForms) {
      const { key, words, terms } = termsKey(form);
      if (!key) continue;
      const folded = foldText(form);
      suggestForms.push({ conceptIndex, folded, form, words: folded.split(FORM_WORD_SEPARATOR), isLabel: folded === foldText(concept.label) });
      if (seen.has(key)) continue;
      seen.add(key);
      const entries = forms.get(key) ?? [];
      const single = terms.length === 1;
      // A tool name is capitalised in the référentiel; a capitalised label ("Stockage") is not a tool name.
      const strong = !single || /[A-Z0-9@+#.]/.test(form.slice(1)) || (/^[A-Z]/.test(form) && form !== concept.label) || concept.acronyms.includes(form);
      entries.push({ conceptIndex, form, ambiguous: ambiguous.has(key), strong, surface: single ? words[0] : undefined });
      forms.set(key, entries);
      words.forEach((w, i) => vocabularyWords.set(w, terms[i]!));
      for (const t of terms) vocabularyTerms.add(t);
    }
  });

  const termIds = new Map([...vocabularyTerms].map((term, id) => [term, id] as const));
  const formTrie: FormTrieNode = { children: new Map() };
  for (const [key, entries] of forms) {
    let node = formTrie;
    for (const term of key.split(" ")) {
      const id = termIds.get(term)!;
      let child = node.children.get(id);
      if (!child) node.children.set(id, (child = { children: new Map() }));
      node = child;
    }
    node.entries = entries;
  }

  const deletions = new Map<string, string[]>();
  for (const word of vocabularyWords.keys()) {
    if (word.length < 5) continue;
    for (const d of deletionsOf(word)) {
      const list = deletions.get(d) ?? [];
      list.push(word);
      deletions.set(d, list);
    }
  }

  const links = new Map<number, Map<number, ConceptLink>>();
  const link = (a: number, b: number, kind: ConceptLink) => {
    if (a === b) return;
    const map = links.get(a) ?? new Map<number, ConceptLink>();
    if (map.get(b) !== "broader") map.set(b, kind);
    links.set(a, map);
  };
  concepts.forEach((concept, i) => {
    if (concept.broader !== undefined) {
      const j = conceptIndexById.get(concept.broader);
      if (j !== undefined) {
        link(i, j, "broader");
        link(j, i, "broader");
      }
    }
    for (const id of concept.related ?? []) {
      const j = conceptIndexById.get(id);
      if (j !== undefined) {
        link(i, j, "related");
        link(j, i, "related");
      }
    }
  });

  return {
    concepts, families: allFamilies, conceptIndexById, familyIndexById, familyOfConcept, formTrie, termIds,
    vocabularyWords, vocabularyTerms, deletions, links, isOutsideDigital, suggestForms,
  };
}

const correctionCache = new WeakMap<Referentiel, Map<string, string | null>>();

/**
 * Typo tolerance: a word unknown to the référentiel, close (one edit, same first letter) to a
 * référentiel word of at least 5 letters, is read as that word ("pyhton" → "python", "wordpres" → "wordpress").
 */
export function correctWord(referentiel: Referentiel, word: string): string | null {
  if (word.length < 5 || referentiel.vocabularyWords.has(word)) return null;
  let cache = correctionCache.get(referentiel);
  if (!cache) {
    cache = new Map();
    correctionCache.set(referentiel, cache);
  }
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const candidates = new Set<string>();
  for (const key of [word, ...deletionsOf(word)]) {
    for (const w of referentiel.deletions.get(key) ?? []) candidates.add(w);
    if (referentiel.vocabularyWords.has(key) && key.length >= 5) candidates.add(key);
  }
  let best: string | null = null;
  for (const candidate of candidates) {
    if (candidate[0] !== word[0]) continue;
    // Plural and feminine endings are the stemmer's job, not typos.
    if (candidate + "s" === word || candidate + "e" === word || candidate + "es" === word) continue;
    if (editDistance(word, candidate, 1) <= 1) {
      best = candidate;
      break;
    }
  }
  if (cache.size < 200_000) cache.set(word, best);
  return best;
}

export interface ConceptSuggestion {
  id: string;
  label: string;
  family: string;
  /** The form that matched the query (synonym, acronym, English...). */
  matchedForm: string;
  score: number;
}

let defaultReferentiel: Referentiel | null = null;
/** The référentiel built from the seed data (built once, lazily). */
export function getDefaultReferentiel(): Referentiel {
  defaultReferentiel ??= buildReferentiel();
  return defaultReferentiel;
}

/**
 * Tag picker: concepts whose label or forms match the query, tolerant of missing accents, case and
 * small typos ("securite", "wordpres", "pyhton").
 */
export function suggestConcepts(query: string, limit = 10, referentiel: Referentiel = getDefaultReferentiel()): ConceptSuggestion[] {
  const q = foldText(query).trim().replace(/\s+/g, " ");
  if (!q) return [];
  const qWords = q.split(" ");
  // Forms share most of their words: each (query word, form word) pair is compared once per call.
  const closeness = qWords.map(() => new Map<string, boolean>());
  const isClose = (index: number, fw: string) => {
    const known = closeness[index]!.get(fw);
    if (known !== undefined) return known;
    const qw = qWords[index]!;
    const budget = qw.length >= 8 ? 2 : qw.length >= 4 ? 1 : 0;
    const close =
      budget === 0 ? fw === qw : editDistance(qw, fw, budget) <= budget || editDistance(qw, fw.slice(0, qw.length), budget) <= Math.min(1, budget);
    closeness[index]!.set(fw, close);
    return close;
  };
  const best = new Map<number, { score: number; form: string }>();
  for (const { conceptIndex, folded, form, words, isLabel } of referentiel.suggestForms) {
    let score = 0;
    if (folded === q) score = 1;
    else if (folded.startsWith(q)) score = 0.9 - Math.min(0.2, (folded.length - q.length) / 100);
    else if (words.some((w) => w.startsWith(q))) score = 0.75;
    else if (folded.includes(q) && q.length >= 3) score = 0.6;
    // Fuzzy: every query word is close to a word of the form (or a prefix of it, while typing).
    else if (qWords.every((_, index) => words.some((fw) => isClose(index, fw)))) score = 0.5;
    if (score === 0) continue;
    if (isLabel) score += 0.05; // the label reads best in a picker
    const previous = best.get(conceptIndex);
    if (!previous || score > previous.score) best.set(conceptIndex, { score, form });
  }
  return [...best.entries()]
    .sort((a, b) => b[1].score - a[1].score || referentiel.concepts[a[0]]!.label.localeCompare(referentiel.concepts[b[0]]!.label))
    .slice(0, limit)
    .map(([index, { score, form }]) => {
      const concept = referentiel.concepts[index]!;
      return { id: concept.id, label: concept.label, family: concept.family, matchedForm: form, score: Math.min(1, score) };
    });
}

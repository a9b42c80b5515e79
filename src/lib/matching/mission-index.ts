/**
 * An in-memory index of published missions for the catalogue search and « missions pour moi »,
 * with the engine's French analysis: stems, the référentiel's concepts (synonyms, acronyms,
 * English names) found in the tags and in the text, typo tolerance and word prefixes.
 * Pure: the server keeps one per instance, synced from Postgres.
 */
import { detectInSequence } from "./concepts";
import type { Referentiel } from "./referentiel";
import { analyzeMission, analyzeProfile } from "./score";
import { analyzeText, editDistance, type AnalyzedToken } from "./text";
import type { MatchAgent, MatchMission } from "./types";

export interface IndexedMission {
  id: string;
  title: string;
  /** Context and description. */
  text: string;
  skills: { label: string; required?: boolean; conceptId?: string | null }[];
}

interface MissionEntry {
  /** Term → field weight: tags and title count more than the body. */
  terms: Map<string, number>;
  /** Concept index → strength where found (tags and title weigh more than the text), as the engine reads the mission. */
  concepts: Map<number, number>;
  families: Set<number>;
}

/** How a query was read, so that the page can say what it searched. */
export interface QueryReading {
  /** Concepts of the référentiel recognised in the query (by label, synonym, acronym or typo). */
  concepts: { id: string; label: string; words: string }[];
  /** Words read as another word of the catalogue (typos). */
  corrections: { from: string; to: string }[];
}

export interface SearchHit {
  id: string;
  score: number;
}

/** What one unit of the query accepts: terms with a credit, or a concept of the référentiel. */
interface QueryUnit {
  alternatives: Map<string, number>;
  /** A concept unit is satisfied by the concept, or by all of its words. */
  concept: number;
  conceptWords: string[];
}

const TAG_FIELD_WEIGHT = 3;
const TITLE_FIELD_WEIGHT = 3;
const TEXT_FIELD_WEIGHT = 1;
const PREFIX_CREDIT = 0.7;
const TYPO_CREDIT = 0.8;
const CONCEPT_CREDIT = 3;
const BROADER_CREDIT = 0.75;
const RELATED_CREDIT = 0.6;
/** Shortest stem extended to the words it begins (« géomat » → « géomaticien »). */
const MIN_PREFIX_STEM = 5;
/** Shortest word corrected when the catalogue does not know it. */
const MIN_TYPO_WORD = 5;

export class MissionIndex {
  private readonly entries = new Map<string, MissionEntry>();
  /** Term → number of missions holding it. */
  private readonly documentFrequency = new Map<string, number>();
  /** Folded word → its term, bucketed by first letter, for typo lookups. */
  private readonly wordsByInitial = new Map<string, Map<string, string>>();
  private readonly wordCount = new Map<string, number>();
  private readonly missionWords = new Map<string, string[]>();

  constructor(readonly referentiel: Referentiel) {}

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Adds or replaces one mission. */
  upsert(mission: IndexedMission): void {
    this.remove(mission.id);
    const terms = new Map<string, number>();
    const words = new Set<string>();
    const add = (tokens: AnalyzedToken[], allTerms: string[], weight: number) => {
      for (const term of allTerms) terms.set(term, Math.max(terms.get(term) ?? 0, weight));
      for (const token of tokens) if (token.word.length >= MIN_TYPO_WORD - 1 && !/[0-9]/.test(token.word)) words.add(`${token.word}\u0000${token.term}`);
    };
    for (const skill of mission.skills) {
      const analyzed = analyzeText(skill.label);
      add(analyzed.sequence, analyzed.terms, TAG_FIELD_WEIGHT);
    }
    const title = analyzeText(mission.title);
    add(title.sequence, title.terms, TITLE_FIELD_WEIGHT);
    const text = analyzeText(mission.text);
    add(text.sequence, text.terms, TEXT_FIELD_WEIGHT);

    // The concepts the engine reads in the mission (in its tags, or on strong evidence in its text).
    const concepts = new Map<number, number>();
    for (const [index, detail] of analyzeMission(this.referentiel, toMatchMission(mission)).conceptDetails) {
      if (detail.strength <= 0 || (this.referentiel.isOutsideDigital[index] && !detail.inTags)) continue;
      concepts.set(index, detail.strength);
    }
    for (const skill of mission.skills) {
      const index = skill.conceptId ? this.referentiel.conceptIndexById.get(skill.conceptId) : undefined;
      if (index !== undefined) concepts.set(index, Math.max(concepts.get(index) ?? 0, 1));
    }
    const families = new Set<number>();
    for (const index of concepts.keys()) families.add(this.referentiel.familyOfConcept[index]!);

    this.entries.set(mission.id, { terms, concepts, families });
    for (const term of terms.keys()) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    const keys = [...words];
    for (const key of keys) {
      this.wordCount.set(key, (this.wordCount.get(key) ?? 0) + 1);
      const [word, term] = key.split("\u0000") as [string, string];
      let bucket = this.wordsByInitial.get(word[0]!);
      if (!bucket) this.wordsByInitial.set(word[0]!, (bucket = new Map()));
      bucket.set(word, term);
    }
    this.missionWords.set(mission.id, keys);
  }

  /** Removes one mission. Returns false if it was not indexed. */
  remove(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.entries.delete(id);
    for (const term of entry.terms.keys()) {
      const df = (this.documentFrequency.get(term) ?? 1) - 1;
      if (df <= 0) this.documentFrequency.delete(term);
      else this.documentFrequency.set(term, df);
    }
    for (const key of this.missionWords.get(id) ?? []) {
      const n = (this.wordCount.get(key) ?? 1) - 1;
      if (n > 0) {
        this.wordCount.set(key, n);
        continue;
      }
      this.wordCount.delete(key);
      const [word] = key.split("\u0000") as [string];
      this.wordsByInitial.get(word[0]!)?.delete(word);
    }
    this.missionWords.delete(id);
    return true;
  }

  /** Concept families of a mission (from its tags and its text). */
  familiesOf(id: string): ReadonlySet<number> {
    return this.entries.get(id)?.families ?? EMPTY;
  }

  /** Whether a mission shows a concept of this family (by the family's id). */
  hasFamily(id: string, familyId: string): boolean {
    const family = this.referentiel.familyIndexById.get(familyId);
    return family !== undefined && this.familiesOf(id).has(family);
  }

  private idf(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (this.entries.size - df + 0.5) / (df + 0.5));
  }

  /** Reads a query: its units (a concept of the référentiel, or one word and its variants). */
  private readQuery(query: string): { units: QueryUnit[]; reading: QueryReading } {
    const { sequence } = analyzeText(query, true);
    const reading: QueryReading = { concepts: [], corrections: [] };
    const units: QueryUnit[] = [];
    const { occurrences } = detectInSequence(this.referentiel, sequence, true);
    // Tokens covered by a concept: the concept stands for them (RGPD for « protection des données »).
    const covered = new Set<number>();
    for (const occurrence of occurrences) {
      const words = occurrence.words;
      const tokens = sequence.map((token, index) => ({ token, index })).filter(({ token, index }) => !covered.has(index) && words.split(" ").includes(token.original));
      for (const { index } of tokens) covered.add(index);
      const concept = this.referentiel.concepts[occurrence.conceptIndex]!;
      if (!reading.concepts.some((known) => known.id === concept.id)) reading.concepts.push({ id: concept.id, label: concept.label, words });
      units.push({ alternatives: new Map(), concept: occurrence.conceptIndex, conceptWords: tokens.map(({ token }) => token.term) });
    }
    // Several concepts read from the same words (an ambiguous acronym) are one unit: any of them.
    const merged = mergeSameWords(units);
    sequence.forEach((token, index) => {
      if (covered.has(index)) return;
      merged.push({ alternatives: this.variants(token, reading), concept: -1, conceptWords: [] });
    });
    return { units: merged, reading };
  }

  /** The catalogue's terms a query word stands for: itself, words it begins, a close spelling. */
  private variants(token: AnalyzedToken, reading: QueryReading): Map<string, number> {
    const alternatives = new Map<string, number>([[token.term, 1]]);
    if (token.term.length >= MIN_PREFIX_STEM) {
      for (const term of this.documentFrequency.keys()) {
        if (term !== token.term && term.startsWith(token.term)) alternatives.set(term, PREFIX_CREDIT);
      }
    }
    if (!this.documentFrequency.has(token.term) && token.word.length >= MIN_TYPO_WORD && !/[0-9]/.test(token.word)) {
      const bucket = this.wordsByInitial.get(token.word[0]!);
      const maxDistance = token.word.length >= 9 ? 2 : 1;
      let corrected: string | null = null;
      for (const [word, term] of bucket ?? []) {
        if (Math.abs(word.length - token.word.length) > maxDistance) continue;
        if (editDistance(token.word, word, maxDistance) > maxDistance) continue;
        if (!alternatives.has(term)) alternatives.set(term, TYPO_CREDIT);
        corrected ??= word;
      }
      if (corrected) reading.corrections.push({ from: token.original, to: corrected });
    }
    return alternatives;
  }

  /**
   * Missions that answer every unit of the query, with a relevance score (not sorted). An empty
   * query answers nothing: the caller lists all missions then.
   */
  search(query: string): { hits: SearchHit[]; reading: QueryReading } {
    const { units, reading } = this.readQuery(query);
    if (!units.length) return { hits: [], reading };
    const hits: SearchHit[] = [];
    for (const [id, entry] of this.entries) {
      let score = 0;
      let matchedAll = true;
      for (const unit of units) {
        const value = this.unitScore(unit, entry);
        if (value <= 0) {
          matchedAll = false;
          break;
        }
        score += value;
      }
      if (matchedAll) hits.push({ id, score });
    }
    return { hits, reading };
  }

  private unitScore(unit: QueryUnit, entry: MissionEntry): number {
    if (unit.concept >= 0) {
      let best = 0;
      for (const index of unitConcepts(unit)) {
        best = Math.max(best, CONCEPT_CREDIT * (entry.concepts.get(index) ?? 0));
        // A linked concept answers too (AIPD for RGPD), for less.
        for (const [linked, kind] of this.referentiel.links.get(index) ?? []) {
          best = Math.max(best, (kind === "broader" ? BROADER_CREDIT : RELATED_CREDIT) * CONCEPT_CREDIT * (entry.concepts.get(linked) ?? 0));
        }
      }
      // The concept's own words, all present, count as well (the mission's text said it).
      if (unit.conceptWords.length && unit.conceptWords.every((term) => entry.terms.has(term))) {
        let words = 0;
        for (const term of unit.conceptWords) words += (entry.terms.get(term) ?? 0) * this.idf(term);
        best = Math.max(best, words / unit.conceptWords.length);
      }
      return best;
    }
    let best = 0;
    for (const [term, credit] of unit.alternatives) {
      const field = entry.terms.get(term);
      if (field === undefined) continue;
      best = Math.max(best, credit * field * this.idf(term));
    }
    return best;
  }

  /** Number of missions asking for each family (by family id), from their tags and text. */
  familyCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const entry of this.entries.values()) {
      for (const family of entry.families) {
        const id = this.referentiel.families[family]!.id;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    return counts;
  }

  /** The families (by id) of the concepts a profile shows. */
  familiesOfAgent(agent: MatchAgent): Set<string> {
    const families = new Set<string>();
    for (const index of analyzeProfile(this.referentiel, agent).concepts.keys()) families.add(this.referentiel.families[this.referentiel.familyOfConcept[index]!]!.id);
    return families;
  }

  /**
   * « Missions pour moi »: the missions worth scoring for an agent — those sharing a concept, a
   * linked concept or a family with the profile, or a word that few missions use. A mission that
   * shares only everyday words cannot be a fit; skipping it spares the engine most of the work.
   */
  candidatesForAgent(agent: MatchAgent): string[] {
    const profile = analyzeProfile(this.referentiel, agent);
    const concepts = new Set<number>();
    const families = new Set<number>();
    for (const index of profile.concepts.keys()) {
      concepts.add(index);
      for (const linked of this.referentiel.links.get(index)?.keys() ?? []) concepts.add(linked);
      families.add(this.referentiel.familyOfConcept[index]!);
    }
    const rareTerms: string[] = [];
    const commonLimit = Math.max(2, this.entries.size * COMMON_TERM_SHARE);
    for (const terms of profile.fieldTerms) {
      for (const term of terms) {
        const df = this.documentFrequency.get(term) ?? 0;
        if (df > 0 && df <= commonLimit) rareTerms.push(term);
      }
    }
    const ids: string[] = [];
    for (const [id, entry] of this.entries) {
      let shares = false;
      for (const family of entry.families) if (families.has(family)) shares = true;
      if (!shares) for (const index of entry.concepts.keys()) if (concepts.has(index)) shares = true;
      if (!shares) for (const term of rareTerms) if (entry.terms.has(term)) { shares = true; break; }
      if (shares) ids.push(id);
    }
    return ids;
  }
}

/** A word found in more than this share of the missions is an everyday word for the prefilter. */
const COMMON_TERM_SHARE = 0.2;

const EMPTY: ReadonlySet<number> = new Set();

const unitConceptSets = new WeakMap<QueryUnit, number[]>();
function unitConcepts(unit: QueryUnit): number[] {
  return unitConceptSets.get(unit) ?? [unit.concept];
}

function mergeSameWords(units: QueryUnit[]): QueryUnit[] {
  const byWords = new Map<string, QueryUnit>();
  const merged: QueryUnit[] = [];
  for (const unit of units) {
    const key = unit.conceptWords.join(" ");
    const existing = byWords.get(key);
    if (existing && key) {
      unitConceptSets.set(existing, [...unitConcepts(existing), unit.concept]);
      continue;
    }
    byWords.set(key, unit);
    merged.push(unit);
  }
  return merged;
}

function toMatchMission(mission: IndexedMission): MatchMission {
  return {
    id: mission.id,
    title: mission.title,
    description: mission.text,
    skills: mission.skills.map((skill) => ({ label: skill.label, required: skill.required ?? true })),
  };
}

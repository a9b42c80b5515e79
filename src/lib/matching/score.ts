/**
 * Scoring: skill-concept overlap fused with BM25F text relevance, then availability and place
 * as tie-breakers and labels. The same functions score one pair (reverse query, explanations) and
 * define what the inverted index computes in bulk.
 */
import { analyzeDocumentConcepts, detectInSequence, type DocumentConcept, type FieldInput } from "./concepts";
import type { Referentiel } from "./referentiel";
import { analyzeText, foldText, type AnalyzedToken } from "./text";
import type { CompetenceAgent, CompetenceMission, MatchAgent, MatchMission, MatchReason, MatchedConcept, NiveauCompetence } from "./types";

export const SCORING = {
  /** BM25F field weights and parameters. */
  tagWeight: 3,
  bioWeight: 1,
  k1: 0.9,
  bTags: 0.3,
  bBio: 0.75,
  /** Share of the concept score in the fused score (the rest is text relevance). */
  conceptShare: 0.5,
  /** Text relevance is mapped to [0, 1] by 1 - exp(-t / (textScale × query mass)). */
  textScale: 0.12,
  /** Credit when the profile has a broader/narrower or a related concept of the wanted one. */
  broaderCredit: 0.75,
  relatedCredit: 0.5,
  /** Mission concept weights. */
  requiredWeight: 1,
  niceToHaveWeight: 0.6,
  titleWeight: 0.8,
  descriptionWeight: 0.45,
  /**
   * A tag whose concept the title shows weighs (1 + titleSkillBoost) × its weight: « Remise à
   * niveau du site (WordPress) » asks for WordPress first, PHP and plugins around it.
   */
  titleSkillBoost: 0.8,
  /** What a tool the mission offers as an alternative to a tag (« Pandoc … ou Sphinx ») shows of the tag. */
  alternativeCredit: 0.5,
  /** Weight of a skill inferred from the title or description, against 1 for a required tag. */
  inferredFactor: 0.5,
  /** BM25F posting weight that counts as plain use of a word (a word once in the bio reaches it). */
  presenceReference: 0.3,
  /**
   * Query term weights: each distinct word of the mission counts once, at the weight of the field
   * where it weighs most. A word the description repeats is not a stronger need (« registres »
   * five times in a mission about reading them), and summing let context words outweigh skills.
   */
  titleTermWeight: 1.5,
  tagTermWeight: 1,
  descriptionTermWeight: 1,
} as const;

/** Strength kept by the skills of a profile that presents itself as learning (apprentice, in training). */
export const LEARNER_FACTOR = 0.5;
const LEARNER_TAG = /\b(en formation|debutante?s?|apprentie?s?|en apprentissage|en reconversion|stagiaire|alternante?)\b/;

const LEVEL_FACTOR: Record<NiveauCompetence, number> = { notions: 0.4, autonome: 0.85, expert: 1 };

/** Concept strengths are stored on 8 bits in the index; pair scoring uses the same values. */
export function quantize(strength: number): number {
  return Math.round(Math.min(1, Math.max(0, strength)) * 255) / 255;
}

function agentSkills(agent: MatchAgent): CompetenceAgent[] {
  return (agent.skills as (string | CompetenceAgent)[]).map((s) => (typeof s === "string" ? { label: s } : s));
}

function missionSkills(mission: MatchMission): CompetenceMission[] {
  return (mission.skills as (string | CompetenceMission)[]).map((s) => (typeof s === "string" ? { label: s } : s));
}

export function agentBio(agent: MatchAgent): string {
  return agent.bio ?? agent.presentation ?? "";
}

/** What the engine keeps of a profile. */
export interface AgentDocument {
  tagTerms: Map<string, number>;
  bioTerms: Map<string, number>;
  tagLength: number;
  bioLength: number;
  /** Concept index → quantized strength. */
  concepts: Map<number, number>;
  /** Family index → best quantized strength among the profile's concepts of that family. */
  families: Map<number, number>;
  conceptDetails: Map<number, DocumentConcept>;
  /** Term → word as written, when analyzed with originals (for reasons). */
  originals: Map<string, string>;
  /** Factor applied to the evidence of the profile's words (LEARNER_FACTOR for a learner, else 1). */
  wordEvidenceFactor: number;
}

function countTerms(terms: string[], excluded: Set<string>, into: Map<string, number>): number {
  let length = 0;
  for (const term of terms) {
    if (excluded.has(term)) continue;
    into.set(term, (into.get(term) ?? 0) + 1);
    length++;
  }
  return length;
}

/** A profile's fields analyzed together: terms per field, concepts with their strength, families. */
export interface ProfileAnalysis {
  /** Terms of each tag, then of the bio (last). */
  fieldTerms: string[][];
  /** Terms consumed by concepts outside digital skills: kept out of text relevance. */
  outsideDigitalTerms: Set<string>;
  /** Concept index → quantized strength. */
  concepts: Map<number, number>;
  /** Family index → best quantized strength among the profile's concepts of that family. */
  families: Map<number, number>;
  conceptDetails: Map<number, DocumentConcept>;
  originals: Map<string, string>;
  /** The profile presents itself as learning: its words show a skill at half strength too. */
  learner: boolean;
}

export function analyzeProfile(referentiel: Referentiel, agent: MatchAgent, withOriginals = false): ProfileAnalysis {
  const skills = agentSkills(agent);
  const fields: FieldInput[] = skills.map((s) => ({
    text: s.label,
    weight: s.level ? LEVEL_FACTOR[s.level] : 1,
    isTag: true,
    learningAware: true,
  }));
  fields.push({ text: agentBio(agent), weight: 1, isTag: false, learningAware: true });
  const analysis = analyzeDocumentConcepts(referentiel, fields, withOriginals);
  // A tag that only says "en formation" / "débutant" describes the whole profile: a learner.
  const learner = skills.some((_, i) => analysis.fieldTerms[i]!.length <= 3 && LEARNER_TAG.test(analysis.fieldFolded[i]!));
  const concepts = new Map<number, number>();
  const families = new Map<number, number>();
  for (const [index, detail] of analysis.concepts) {
    const strength = quantize(detail.strength * (learner ? LEARNER_FACTOR : 1));
    concepts.set(index, strength);
    const family = referentiel.familyOfConcept[index]!;
    families.set(family, Math.max(families.get(family) ?? 0, strength));
  }
  return {
    fieldTerms: analysis.fieldTerms,
    outsideDigitalTerms: analysis.outsideDigitalTerms,
    concepts,
    families,
    conceptDetails: analysis.concepts,
    originals: analysis.originals,
    learner,
  };
}

export function analyzeAgent(referentiel: Referentiel, agent: MatchAgent, withOriginals = false): AgentDocument {
  const profile = analyzeProfile(referentiel, agent, withOriginals);
  const tagCount = profile.fieldTerms.length - 1;
  const tagTerms = new Map<string, number>();
  const bioTerms = new Map<string, number>();
  let tagLength = 0;
  for (let i = 0; i < tagCount; i++) tagLength += countTerms(profile.fieldTerms[i]!, profile.outsideDigitalTerms, tagTerms);
  const bioLength = countTerms(profile.fieldTerms[tagCount]!, profile.outsideDigitalTerms, bioTerms);
  const { concepts, families, conceptDetails, originals } = profile;
  const wordEvidenceFactor = profile.learner ? LEARNER_FACTOR : 1;
  return { tagTerms, bioTerms, tagLength, bioLength, concepts, families, conceptDetails, originals, wordEvidenceFactor };
}

/**
 * One skill the mission asks for: one of its own tags (explicit), or a concept read in its title
 * or description on strong evidence (inferred, weighing less).
 */
export interface MissionAspect {
  /** The tag as written, or the concept's label. */
  label: string;
  weight: number;
  inferred: boolean;
  /** Concept index → strength: the concepts that stand for this skill. */
  concepts: Map<number, number>;
  /** Index terms of the tag (empty for an inferred concept). */
  terms: string[];
  /** Another way of writing the tag that the mission gives (an acronym's expansion): as good as the tag's words. */
  spelledOut: string[];
  /**
   * Tools the mission offers in the same disjunction as the tag (« Pandoc, Asciidoctor, Sphinx ou
   * MkDocs »): each one shows part of the skill (`SCORING.alternativeCredit`).
   */
  alternatives?: string[];
}

/** What the engine keeps of a mission, as a query. */
export interface MissionQuery {
  aspects: MissionAspect[];
  /** Term → query weight. */
  terms: Map<string, number>;
  conceptDetails: Map<number, DocumentConcept>;
}

export function analyzeMission(referentiel: Referentiel, mission: MatchMission): MissionQuery {
  const skills = missionSkills(mission);
  const description = mission.description ?? "";
  const fields: FieldInput[] = skills.map((s) => ({
    text: s.label,
    weight: s.required === false ? SCORING.niceToHaveWeight : SCORING.requiredWeight,
    isTag: true,
    learningAware: false,
  }));
  // A concept read in the title or description needs strong evidence (weakFactor 0): a lone
  // everyday word ("personnes", "générer") never makes the mission ask for a skill.
  fields.push({ text: mission.title, weight: SCORING.titleWeight, isTag: true, learningAware: false, weakFactor: 0 });
  fields.push({ text: description, weight: SCORING.descriptionWeight, isTag: false, learningAware: false, weakFactor: 0 });
  const analysis = analyzeDocumentConcepts(referentiel, fields);
  // Each tag of the mission is one skill asked for; concepts found only in the title or the
  // description become inferred skills that weigh less (never more than the mission's own).
  const aspects: MissionAspect[] = [];
  const inTag = new Set<number>();
  const texts = [analyzeText(mission.title).sequence, analyzeText(description).sequence];
  // The title says what the mission is about: a skill asked that it names is the core of the need.
  const titleConcepts = new Set(detectInSequence(referentiel, texts[0]!, false).occurrences.map((o) => o.conceptIndex));
  skills.forEach((skill, i) => {
    const field = fields[i]!;
    // The tag's own concepts, as the whole mission confirmed them (an ambiguous "réseau" holds
    // when another tag says "VLAN").
    const tagConcepts = new Map<number, number>();
    for (const { conceptIndex } of detectInSequence(referentiel, analyzeText(field.text).sequence, false).occurrences) {
      if (referentiel.isOutsideDigital[conceptIndex] || !analysis.concepts.has(conceptIndex)) continue;
      tagConcepts.set(conceptIndex, 1);
      inTag.add(conceptIndex);
    }
    const terms = [...new Set(analysis.fieldTerms[i] ?? [])].filter((t) => !analysis.outsideDigitalTerms.has(t));
    const expansion = acronymExpansion(skill.label, texts);
    const spelledOut = [...(expansion.length ? expansion : parentheticalExpansion(skill.label, [mission.title, description])), ...capitalsAcronym(skill.label)].filter(
      (t) => !terms.includes(t),
    );
    const alternatives = disjunctionAlternatives(skill.label, [mission.title, description]).filter((t) => !terms.includes(t) && !spelledOut.includes(t));
    if (terms.length || tagConcepts.size) {
      const weight = field.weight * (titleNamesSkill(tagConcepts, titleConcepts) ? 1 + SCORING.titleSkillBoost : 1);
      aspects.push({ label: skill.label.trim(), weight, inferred: false, concepts: tagConcepts, terms, spelledOut, alternatives });
    }
  });
  const object = titleObject(referentiel, texts[0]!, inTag);
  for (const [index, detail] of analysis.concepts) {
    if (inTag.has(index) || referentiel.isOutsideDigital[index] || object.concepts.has(index)) continue;
    aspects.push({
      label: referentiel.concepts[index]!.label,
      weight: detail.strength * SCORING.inferredFactor,
      inferred: true,
      concepts: new Map([[index, 1]]),
      terms: [],
      spelledOut: [],
    });
  }
  const terms = new Map<string, number>();
  const addTerms = (fieldTerms: string[] | undefined, weight: number) => {
    for (const term of fieldTerms ?? []) {
      if (analysis.outsideDigitalTerms.has(term)) continue;
      terms.set(term, Math.max(terms.get(term) ?? 0, weight));
    }
  };
  // Fields were analyzed in this order: tags, title, description.
  skills.forEach((_, i) => addTerms(analysis.fieldTerms[i], SCORING.tagTermWeight));
  // The object's words weigh in the text as the description's do, not as a title's.
  const tagTerms = new Set(skills.flatMap((_, i) => analysis.fieldTerms[i] ?? []));
  const titleTerms = analysis.fieldTerms[skills.length] ?? [];
  addTerms(titleTerms.filter((t) => tagTerms.has(t) || !object.terms.has(t)), SCORING.titleTermWeight);
  addTerms(titleTerms.filter((t) => object.terms.has(t)), SCORING.descriptionTermWeight);
  addTerms(analysis.fieldTerms[skills.length + 1], SCORING.descriptionTermWeight);
  return { aspects, terms, conceptDetails: analysis.concepts };
}

/**
 * What the mission works on, as its title names it: a concept of the title, after its first word
 * (the action: « Former des agents… », « Rédaction du cahier des charges… »), of a family that none
 * of the tags belongs to, when the tags name concepts. « Rédaction du cahier des charges pour
 * l'acquisition d'un SIG », asked as marchés publics, CCTP and achat informatique, buys a SIG: the
 * requester did not ask for SIG skills, and a buyer who never used one fits better than an IT manager
 * who once bought one. Such a concept is no inferred skill, and its words weigh as context.
 */
export function titleObject(referentiel: Referentiel, title: AnalyzedToken[], tagConcepts: Set<number>): { concepts: Set<number>; terms: Set<string> } {
  const concepts = new Set<number>();
  const terms = new Set<string>();
  if (tagConcepts.size === 0 || title.length < 2) return { concepts, terms };
  const tagFamilies = new Set([...tagConcepts].map((index) => referentiel.familyOfConcept[index]));
  for (const occurrence of detectInSequence(referentiel, title, true, 1).occurrences) {
    const index = occurrence.conceptIndex;
    if (tagConcepts.has(index) || tagFamilies.has(referentiel.familyOfConcept[index]) || referentiel.isOutsideDigital[index]) continue;
    concepts.add(index);
    for (const token of analyzeText(occurrence.words).sequence) terms.add(token.term);
  }
  return { concepts, terms };
}

/**
 * The title names the skill a tag asks for when it shows the tag's concept (« Remise à niveau du
 * site (WordPress) »). A plain word shared by tag and title is not enough: it is often what the
 * mission works on, not the skill (« patrimoine » in « une GMAO pour le patrimoine bâti »).
 */
export function titleNamesSkill(tagConcepts: Map<number, number>, titleConcepts: Set<number>): boolean {
  for (const conceptIndex of tagConcepts.keys()) if (titleConcepts.has(conceptIndex)) return true;
  return false;
}

/**
 * An acronym asked as a tag ("SVI") that the mission spells out ("serveur vocal interactif"):
 * the words of the expansion, so that a profile that writes them out shows the skill too.
 */
export function acronymExpansion(tag: string, texts: AnalyzedToken[][]): string[] {
  const acronym = tag.trim();
  if (!/^[A-Z]{2,6}$/.test(acronym)) return [];
  const letters = acronym.toLowerCase();
  for (const sequence of texts) {
    for (let i = 0; i + letters.length <= sequence.length; i++) {
      let k = 0;
      while (k < letters.length && sequence[i + k]!.word[0] === letters[k] && sequence[i + k]!.sentence === sequence[i]!.sentence) k++;
      if (k === letters.length) return sequence.slice(i, i + k).map((t) => t.term);
    }
  }
  return [];
}

/**
 * An acronym asked as a tag that the mission defines in passing, « la reconnaissance d'écriture
 * manuscrite (HTR) », whatever language its letters come from: the words just before the
 * parenthesis, in the same clause, as many as the acronym has letters.
 */
export function parentheticalExpansion(tag: string, texts: string[]): string[] {
  const acronym = tag.trim();
  if (!/^[A-Z]{2,6}$/.test(acronym)) return [];
  for (const text of texts) {
    const at = text.search(new RegExp(`\\(\\s*${acronym}\\s*\\)`));
    if (at < 0) continue;
    const before = text.slice(0, at);
    const clauseStart = Math.max(...[",", ";", ":", ".", "!", "?", "(", ")", "\n"].map((c) => before.lastIndexOf(c))) + 1;
    const words = analyzeText(before.slice(clauseStart)).sequence.map((t) => t.term);
    return [...new Set(words.slice(-acronym.length))];
  }
  return [];
}

/** One word of a list item: a name, possibly with digits or symbols (« C++ », « .NET », « Node.js »). */
const LIST_ITEM = String.raw`[\p{L}\p{N}][\p{L}\p{N}.+#_-]*`;
const DISJUNCTION = new RegExp(String.raw`${LIST_ITEM}(?:\s*,\s*${LIST_ITEM})*\s*,?\s+ou\s+${LIST_ITEM}`, "gu");

/**
 * Tools the mission names as alternatives to a one-word tag: the other items of a disjunction that
 * contains it (« Pandoc, Asciidoctor, Sphinx ou MkDocs », « en Markdown ou AsciiDoc »). The mission
 * says any of them would do, so a profile that uses one of them shows part of the skill. Only a
 * disjunction (« ou »), not a plain enumeration, which lists different things asked together.
 */
export function disjunctionAlternatives(tag: string, texts: string[]): string[] {
  const wanted = analyzeText(tag).sequence.map((t) => t.term);
  if (wanted.length !== 1) return [];
  const out = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(DISJUNCTION)) {
      const items = match[0].split(/\s*,\s*|\s+ou\s+/u).map((item) => analyzeText(item).sequence.map((t) => t.term));
      if (!items.some((item) => item.length === 1 && item[0] === wanted[0])) continue;
      for (const item of items) if (item.length === 1 && item[0] !== wanted[0]) out.add(item[0]!);
    }
  }
  return [...out];
}

/**
 * The acronym a tool's name is often written as, from its capitals: « OpenStreetMap » → « osm »,
 * « Base Adresse Nationale » → « ban ». Three letters at least (two-letter ones are too ambiguous).
 */
export function capitalsAcronym(tag: string): string[] {
  const words = tag.trim().split(/\s+/);
  const capitals =
    words.length === 1 ? (words[0]!.match(/[A-Z]/g) ?? []).join("") : words.every((w) => /^[A-Z]/.test(w)) ? words.map((w) => w[0]).join("") : "";
  // A single word must mix cases (OpenStreetMap), not be an acronym already (RGPD).
  if (capitals.length < 3 || capitals.length > 6 || (words.length === 1 && capitals.length === words[0]!.length)) return [];
  return [capitals.toLowerCase()];
}

/** Collection statistics used by BM25F and the concept rarity factor. */
export interface CollectionStats {
  documentCount: number;
  averageTagLength: number;
  averageBioLength: number;
  termFrequency(term: string): number;
  conceptFrequency(conceptIndex: number): number;
}

/** Below this document frequency, no query term is skipped (small collections stay exact). */
const MIN_DF_TO_SKIP = 1000;

export function idf(documentCount: number, df: number): number {
  return Math.log(1 + (documentCount - df + 0.5) / (df + 0.5));
}

/** Rarer concepts weigh more: a factor in [0.5, 1]. */
export function rarityFactor(documentCount: number, df: number): number {
  const max = idf(documentCount, 0);
  return max > 0 ? 0.5 + (0.5 * idf(documentCount, df)) / max : 1;
}

export function bm25fTermScore(stats: CollectionStats, tfTags: number, tfBio: number, tagLength: number, bioLength: number): number {
  const tagNorm = 1 - SCORING.bTags + (SCORING.bTags * tagLength) / Math.max(1e-9, stats.averageTagLength);
  const bioNorm = 1 - SCORING.bBio + (SCORING.bBio * bioLength) / Math.max(1e-9, stats.averageBioLength);
  const tf = (SCORING.tagWeight * tfTags) / tagNorm + (SCORING.bioWeight * tfBio) / bioNorm;
  return tf / (SCORING.k1 + tf);
}

/** A concept of a skill, with the linked concepts and family that earn partial credit. */
export interface PreparedConcept {
  conceptIndex: number;
  links: { conceptIndex: number; credit: number }[];
  familyIndex: number;
  familyCredit: number;
}

/** A skill asked for, ready to be scored: its concepts and its own terms. */
export interface PreparedAspect {
  label: string;
  weight: number;
  inferred: boolean;
  concepts: PreparedConcept[];
  /** The tag's terms found in the collection, each with its share of the tag's rarity (Σ share ≤ 1). */
  terms: { term: string; share: number; alternative?: true }[];
}

export interface PreparedQuery {
  terms: { term: string; weight: number; idf: number }[];
  /** Sum of weight × idf over query terms: scales the text relevance. */
  queryMass: number;
  aspects: PreparedAspect[];
  totalAspectWeight: number;
}

function prepareConcept(referentiel: Referentiel, conceptIndex: number): PreparedConcept {
  const links: PreparedConcept["links"] = [];
  for (const [linked, kind] of referentiel.links.get(conceptIndex) ?? []) {
    links.push({ conceptIndex: linked, credit: kind === "broader" ? SCORING.broaderCredit : SCORING.relatedCredit });
  }
  const familyIndex = referentiel.familyOfConcept[conceptIndex]!;
  return { conceptIndex, links, familyIndex, familyCredit: referentiel.families[familyIndex]?.partialCredit ?? 0 };
}

/**
 * A tag's word that no profile uses may be a typo of one they use ("Discource"): the closest
 * term of the collection one edit away (same first letter), learned from what agents wrote.
 */
export function collectionSpelling(term: string, stats: CollectionStats): string | null {
  if (term.length < 5 || stats.termFrequency(term) > 0) return null;
  const letters = "abcdefghijklmnopqrstuvwxyz";
  let best: string | null = null;
  let bestDf = 0;
  const consider = (candidate: string) => {
    const df = stats.termFrequency(candidate);
    if (df > bestDf) [best, bestDf] = [candidate, df];
  };
  for (let i = 1; i <= term.length; i++) {
    if (i < term.length) consider(term.slice(0, i) + term.slice(i + 1));
    for (const c of letters) {
      consider(term.slice(0, i) + c + term.slice(i));
      if (i < term.length) consider(term.slice(0, i) + c + term.slice(i + 1));
    }
  }
  return best;
}

export function prepareQuery(referentiel: Referentiel, query: MissionQuery, stats: CollectionStats): PreparedQuery {
  const terms: PreparedQuery["terms"] = [];
  let queryMass = 0;
  const queryTerms = new Map(query.terms);
  const spellings = new Map<string, string>();
  for (const aspect of query.aspects) {
    for (const term of aspect.terms) {
      const spelled = collectionSpelling(term, stats);
      if (!spelled) continue;
      spellings.set(term, spelled);
      if (!queryTerms.has(spelled)) queryTerms.set(spelled, queryTerms.get(term) ?? SCORING.tagTermWeight);
    }
  }
  for (const [term, weight] of queryTerms) {
    const df = stats.termFrequency(term);
    // Terms found in most profiles (idf under ln 2) barely separate candidates but cost the
    // longest postings: skipped on large collections.
    if (df === 0 || (df > stats.documentCount / 2 && df > MIN_DF_TO_SKIP)) continue;
    const termIdf = idf(stats.documentCount, df);
    terms.push({ term, weight, idf: termIdf });
    queryMass += weight * termIdf;
  }
  const aspects: PreparedAspect[] = [];
  let totalAspectWeight = 0;
  for (const aspect of query.aspects) {
    // Within a tag, rarer words carry more of it ("maintenance préventive": mostly "préventive").
    // Its spelled-out form is a second way to show it in full (evidence is capped at 1).
    const weigh = (terms: string[]) => terms.map((term) => {
      const used = spellings.get(term) ?? term;
      return { term: used, idf: idf(stats.documentCount, stats.termFrequency(used)) };
    });
    const weighted = weigh(aspect.terms);
    const aspectTerms: PreparedAspect["terms"] = [];
    for (const group of [weighted, weigh(aspect.spelledOut)]) {
      const mass = group.reduce((sum, t) => sum + t.idf, 0);
      for (const t of group) if (stats.termFrequency(t.term) > 0 && mass > 0) aspectTerms.push({ term: t.term, share: t.idf / mass });
    }
    for (const term of aspect.alternatives ?? []) if (stats.termFrequency(term) > 0) aspectTerms.push({ term, share: SCORING.alternativeCredit, alternative: true });
    const concepts = [...aspect.concepts.keys()].map((index) => prepareConcept(referentiel, index));
    // The mission's own weights, not the collection's: adding a skill to a profile never lowers its score.
    const weight = aspect.weight;
    aspects.push({ label: aspect.label, weight, inferred: aspect.inferred, concepts, terms: aspectTerms });
    totalAspectWeight += weight;
  }
  shareFamilyCredit(aspects);
  return { terms, queryMass, aspects, totalAspectWeight };
}

/**
 * A family's partial credit is shared among the skills asked of that family: divided by the square
 * root of their number. One concept of a profile (« aide aux démarches en ligne ») otherwise earns
 * part of every skill of its family that the mission lists (Démarches Simplifiées, Grist,
 * formulaire en ligne, no-code), as much as a profile that shows some of them.
 */
export function shareFamilyCredit(aspects: PreparedAspect[]): void {
  const skillsPerFamily = new Map<number, number>();
  for (const aspect of aspects) {
    const families = new Set(aspect.concepts.filter((c) => c.familyCredit > 0).map((c) => c.familyIndex));
    for (const family of families) skillsPerFamily.set(family, (skillsPerFamily.get(family) ?? 0) + 1);
  }
  for (const aspect of aspects) for (const c of aspect.concepts) c.familyCredit /= Math.sqrt(skillsPerFamily.get(c.familyIndex) ?? 1);
}

/** How much one BM25F posting weight says the profile uses a tag's word (1: in a tag, or said in the bio). */
export function termPresence(bm25Weight: number): number {
  return Math.min(1, bm25Weight / SCORING.presenceReference);
}

export function normalizeText(textScore: number, queryMass: number): number {
  if (queryMass <= 0) return 0;
  return 1 - Math.exp(-textScore / (SCORING.textScale * queryMass));
}

export function fuse(conceptScore: number, textNorm: number, conceptShare: number): number {
  return conceptShare * conceptScore + (1 - conceptShare) * textNorm;
}

export interface PairScore {
  /** Share of the mission's skills (by weight) the profile shows, in [0, 1]. */
  conceptScore: number;
  textScore: number;
  textNorm: number;
  relevance: number;
  /** Per skill asked for: the evidence found, and what carried it. */
  aspects: { aspect: number; evidence: number; via: "concept" | "terms"; concept?: { wanted: number; via: number; kind: MatchedConcept["kind"] }; terms: string[] }[];
  termContributions: { term: string; contribution: number; idf: number }[];
}

/** Best concept credit of a profile for one concept: exact, linked, or same family. */
function conceptCredit(referentiel: Referentiel, wanted: PreparedConcept, doc: AgentDocument) {
  let best = doc.concepts.get(wanted.conceptIndex) ?? 0;
  let via = wanted.conceptIndex;
  let kind: MatchedConcept["kind"] = "exact";
  for (const link of wanted.links) {
    const value = (doc.concepts.get(link.conceptIndex) ?? 0) * link.credit;
    if (value > best) {
      best = value;
      via = link.conceptIndex;
      kind = link.credit === SCORING.broaderCredit ? "broader" : "related";
    }
  }
  const familyValue = (doc.families.get(wanted.familyIndex) ?? 0) * wanted.familyCredit;
  if (familyValue > best) {
    best = familyValue;
    kind = "family";
    via = -1;
    for (const [index, strength] of doc.concepts) {
      if (referentiel.familyOfConcept[index] === wanted.familyIndex && strength * wanted.familyCredit === familyValue) {
        via = index;
        break;
      }
    }
  }
  return { credit: best, via, kind };
}

/** Scores one profile against one prepared query (reference for the bulk index computation). */
export function scorePair(referentiel: Referentiel, query: PreparedQuery, doc: AgentDocument, stats: CollectionStats): PairScore {
  let textScore = 0;
  const termContributions: PairScore["termContributions"] = [];
  for (const { term, weight, idf: termIdf } of query.terms) {
    const tfTags = Math.min(255, doc.tagTerms.get(term) ?? 0);
    const tfBio = Math.min(255, doc.bioTerms.get(term) ?? 0);
    if (tfTags === 0 && tfBio === 0) continue;
    const contribution = weight * termIdf * bm25fTermScore(stats, tfTags, tfBio, doc.tagLength, doc.bioLength);
    textScore += contribution;
    termContributions.push({ term, contribution, idf: termIdf });
  }
  let aspectSum = 0;
  const aspects: PairScore["aspects"] = [];
  query.aspects.forEach((aspect, a) => {
    let conceptBest = 0;
    let concept: PairScore["aspects"][number]["concept"];
    for (const wanted of aspect.concepts) {
      const found = conceptCredit(referentiel, wanted, doc);
      if (found.credit > conceptBest) {
        conceptBest = found.credit;
        concept = { wanted: wanted.conceptIndex, via: found.via, kind: found.kind };
      }
    }
    let termEvidence = 0;
    const shared: string[] = [];
    for (const { term, share } of aspect.terms) {
      const tfTags = Math.min(255, doc.tagTerms.get(term) ?? 0);
      const tfBio = Math.min(255, doc.bioTerms.get(term) ?? 0);
      if (tfTags === 0 && tfBio === 0) continue;
      termEvidence += share * termPresence(bm25fTermScore(stats, tfTags, tfBio, doc.tagLength, doc.bioLength));
      shared.push(term);
    }
    termEvidence = Math.min(1, termEvidence) * doc.wordEvidenceFactor;
    const evidence = Math.max(conceptBest, termEvidence);
    if (evidence <= 0) return;
    aspectSum += aspect.weight * evidence;
    aspects.push({ aspect: a, evidence, via: conceptBest >= termEvidence ? "concept" : "terms", concept, terms: shared });
  });
  const conceptScore = query.totalAspectWeight > 0 ? aspectSum / query.totalAspectWeight : 0;
  const textNorm = normalizeText(textScore, query.queryMass);
  return {
    conceptScore,
    textScore,
    textNorm,
    relevance: fuse(conceptScore, textNorm, query.totalAspectWeight > 0 ? SCORING.conceptShare : 0),
    aspects,
    termContributions,
  };
}

// ── Constraints: tie-breakers and labels, never filters (except paused profiles) ─────────────

/** Profile facts used by constraints, folded once at indexing time. */
export interface AgentConstraintFacts {
  administration: string;
  locations: string[];
  displayLocations: string[];
  /** undefined when unknown. */
  remote?: boolean;
  hoursPerMonth?: number;
}

/** Mission facts used by constraints, folded once per query. */
export interface MissionConstraintFacts {
  administration: string;
  location: string;
  displayLocation?: string;
  hours?: number;
  remote?: boolean;
  /** Length of the mission period in months, when known. */
  months: number | null;
}

const foldKey = (s: string | undefined) => (s ? foldText(s).trim() : "");

export function agentConstraintFacts(agent: MatchAgent): AgentConstraintFacts {
  const displayLocations = agentLocations(agent);
  return {
    administration: foldKey(agent.administration),
    locations: displayLocations.map(foldKey),
    displayLocations,
    remote: agent.remote,
    hoursPerMonth: agent.hoursPerMonth,
  };
}

function monthsBetween(start: string | undefined, end: string | undefined): number | null {
  if (!start || !end) return null;
  const s = Date.parse(start);
  const e = Date.parse(end);
  if (Number.isNaN(s) || Number.isNaN(e) || e < s) return null;
  return Math.max(1, (e - s) / (30.44 * 24 * 3600 * 1000));
}

export function missionConstraintFacts(mission: MatchMission): MissionConstraintFacts {
  return {
    administration: foldKey(mission.administration),
    location: foldKey(mission.location),
    displayLocation: mission.location,
    hours: mission.hours,
    remote: mission.remote,
    months: monthsBetween(mission.period?.start, mission.period?.end),
  };
}

export interface ConstraintOutcome {
  adjustment: number;
  /** Availability and place, as strengths or cautions (only when asked for). */
  notes: MatchReason[];
  sameAdministration: boolean;
}

const formatHours = (h: number) => `${Number.isInteger(h) ? h : h.toFixed(1).replace(".", ",")} h`;

/** Availability and place: small multiplicative adjustments (tie-breakers) and French notes. */
export function evaluateConstraints(mission: MissionConstraintFacts, agent: AgentConstraintFacts, withNotes: boolean): ConstraintOutcome {
  let adjustment = 0;
  const notes: MatchReason[] = [];
  const sameAdministration = mission.administration !== "" && mission.administration === agent.administration;

  const perMonth = agent.hoursPerMonth;
  if (mission.hours !== undefined && perMonth !== undefined && perMonth > 0) {
    if (mission.months !== null) {
      const capacity = perMonth * mission.months;
      if (capacity >= mission.hours) {
        adjustment += 0.01;
      } else {
        adjustment -= 0.02;
        if (withNotes)
          notes.push({
            kind: "reserve",
            text: `Disponibilité juste : ${formatHours(perMonth)}/mois, soit environ ${formatHours(Math.round(capacity))} sur la période pour ${formatHours(mission.hours)} demandées.`,
          });
      }
    } else {
      const monthsNeeded = Math.ceil(mission.hours / perMonth);
      adjustment += monthsNeeded <= 2 ? 0.01 : monthsNeeded > 6 ? -0.01 : 0;
      if (withNotes && monthsNeeded > 6)
        notes.push({ kind: "reserve", text: `Disponibilité de ${formatHours(perMonth)}/mois : environ ${monthsNeeded} mois pour ${formatHours(mission.hours)}.` });
    }
  }

  const onSiteHere = mission.location !== "" && agent.locations.includes(mission.location);
  if (mission.remote === false) {
    if (onSiteHere) {
      adjustment += 0.02;
      if (withNotes) notes.push({ kind: "force", text: `Sur place à ${mission.displayLocation}, où l'agent est basé.` });
    } else {
      adjustment -= 0.01;
      if (withNotes) {
        const where = agent.displayLocations.length ? `l'agent est à ${agent.displayLocations.join(", ")}` : "lieu de l'agent non renseigné";
        notes.push({ kind: "reserve", text: `Sur place à ${mission.displayLocation ?? "préciser"}, ${where}.` });
      }
    }
  } else if (mission.remote === true && agent.remote === false) {
    adjustment -= 0.005;
    if (withNotes && !onSiteHere) notes.push({ kind: "reserve", text: "Mission à distance, l'agent préfère le présentiel." });
  }
  return { adjustment, notes, sameAdministration };
}

export function agentLocations(agent: MatchAgent): string[] {
  return [...(agent.locations ?? []), ...(agent.location ? [agent.location] : [])];
}

/**
 * Calibration: maps a relevance (already on one scale for every mission: the weighted share of its
 * skills shown, blended with text relevance normalised by the mission's own query mass) to the
 * estimated chance that DINUM judges the pair a good or excellent fit (grade ≥ 2). A logistic
 * fitted once on judged pairs; monotone, so it never changes an order.
 */
export const CALIBRATION = { slope: 14.5, intercept: -7.6 } as const;

export function calibratedScore(score: number): number {
  if (score <= 0) return 0;
  return 1 / (1 + Math.exp(-(CALIBRATION.slope * score + CALIBRATION.intercept)));
}

export function finalScore(relevance: number, adjustment: number): number {
  // Constraints only break ties: they never lift a weak profile above a strong one.
  return Math.min(1, Math.max(0, relevance * (1 + adjustment)));
}

/**
 * Mapping of tags and free text to référentiel concepts: longest multi-word match first, typo
 * tolerant, with disambiguation of lone ambiguous words and of skills the author is only learning.
 */
import { analyzeText, editDistance, type AnalyzedToken } from "./text";
import { correctWord, type FormEntry, type Referentiel } from "./referentiel";

export interface ConceptOccurrence {
  conceptIndex: number;
  /** Words of the text that carried the concept, as written (when analyzed with originals). */
  words: string;
  ambiguous: boolean;
  /** Carried by a form that is evidence on its own (several words, acronym, tool name). */
  strong: boolean;
}

/** Plural and feminine endings aside, two folded words are the same word (or one typo apart). */
function closeWords(a: string, b: string): boolean {
  if (a === b) return true;
  const base = (w: string) => w.replace(/(es|s|x|e)$/, "");
  if (base(a) === base(b)) return true;
  return Math.min(a.length, b.length) >= 5 && editDistance(a, b, 1) <= 1;
}

export interface TextConcepts {
  occurrences: ConceptOccurrence[];
  /** Terms consumed by concepts outside digital skills ("sécurité routière"): kept out of text relevance. */
  outsideDigitalTerms: string[];
}

/**
 * Detects concepts in one analyzed token sequence (one tag, one sentence: tokens `from`…`to` of
 * the field). `withWords` collects the words that carried each concept (for reasons); the index
 * build does without.
 */
export function detectInSequence(referentiel: Referentiel, sequence: AnalyzedToken[], withWords = true, from = 0, to = sequence.length): TextConcepts {
  const occurrences: ConceptOccurrence[] = [];
  const outsideDigitalTerms: string[] = [];
  const n = to - from;
  const ids = new Array<number>(n);
  for (let k = 0; k < n; k++) ids[k] = matchTermId(referentiel, sequence[from + k]!);
  let i = 0;
  while (i < n) {
    // Longest form starting at i: walk the trie of forms while the next term continues one.
    let matchedLength = 0;
    let matchedEntries: FormEntry[] | undefined;
    let node = referentiel.formTrie.children.get(ids[i]!);
    for (let length = 1; node; length++) {
      if (node.entries) {
        matchedLength = length;
        matchedEntries = node.entries;
      }
      if (i + length >= n) break;
      node = node.children.get(ids[i + length]!);
    }
    if (matchedEntries) {
      const first = from + i;
      const words = withWords ? [...new Set(sequence.slice(first, first + matchedLength).map((t) => t.original))].join(" ") : "";
      for (const entry of matchedEntries) {
        // A one-word form must be the word itself, not a word that only shares its stem
        // ("personnes" is not "personas").
        if (entry.surface !== undefined && !closeWords(sequence[first]!.word, entry.surface)) continue;
        occurrences.push({ conceptIndex: entry.conceptIndex, words, ambiguous: entry.ambiguous, strong: entry.strong });
        if (referentiel.isOutsideDigital[entry.conceptIndex]) for (let k = first; k < first + matchedLength; k++) outsideDigitalTerms.push(sequence[k]!.term);
      }
    }
    i += matchedLength || 1;
  }
  return { occurrences, outsideDigitalTerms };
}

/**
 * The id of the référentiel term a token stands for in phrase matching (-1: none): its own term
 * when the référentiel uses it, else the term of the référentiel word it is a typo of. Kept per
 * référentiel and keyed by word: a word always gives the same stem, and words kept whole
 * (acronyms) have a map of their own.
 */
const matchTermCaches = new WeakMap<Referentiel, [Map<string, number>, Map<string, number>]>();

function matchTermId(referentiel: Referentiel, token: AnalyzedToken): number {
  let caches = matchTermCaches.get(referentiel);
  if (!caches) matchTermCaches.set(referentiel, (caches = [new Map(), new Map()]));
  const cache = caches[token.term === token.word ? 0 : 1];
  let id = cache.get(token.word);
  if (id === undefined) {
    let term: string | undefined = token.term;
    if (!referentiel.vocabularyTerms.has(term)) {
      const corrected = correctWord(referentiel, token.word);
      term = corrected ? referentiel.vocabularyWords.get(corrected) : undefined;
    }
    id = term === undefined ? -1 : (referentiel.termIds.get(term) ?? -1);
    if (cache.size >= 200_000) cache.clear();
    cache.set(token.word, id);
  }
  return id;
}

// Markers of a skill being learnt, wished for or absent: such mentions earn little ("je découvre",
// "en formation", "j'aimerais apprendre"). Whole words only ("apprenti", not "apprentissage"); the
// scanner ends a clause at « mais », so « je ne suis pas pentesteur, mais je connais… » keeps its
// second half.
const ABSENCE_MARKERS = ["jamais", "pas encore", "ne connais pas", "je ne suis pas", "n'ai pas", "je ne sais pas"];
const LEARNING_MARKERS = [
  "en formation", "je me forme", "je debute", "debutant", "debutante", "je decouvre", "j'apprends", "apprenti", "apprentie",
  "en cours d'apprentissage", "en reconversion",
  "j'ai suivi une formation", "j'ai suivi l'an dernier", "j'ai assiste", "a une sensibilisation", "suivi une sensibilisation", "vient d'etre designe",
  "viens d'etre designee", "je viens d'etre", "viens d'etre nomme", "notions", "je commence", "j'ai commence a regarder", "utilisatrice",
  "comme utilisateur", "simple utilisateur", "je suis utilisateur", "retours d'utilisateur",
  "aimerais apprendre", "aimerais bien apprendre", "voudrais apprendre", "envie d'apprendre", "aimerais decouvrir",
  "aimerais bien decouvrir", "hate de decouvrir", "souhaite me former", "etre forme", "etre formee", "je galere",
];
/**
 * A wish to learn, whatever adverb sits between the wish and the verb (« j'aimerais justement
 * apprendre à l'automatiser », « je voudrais vraiment découvrir », « nous souhaitons nous former »).
 */
const WISH_TO_LEARN =
  "(?:aimerais|aimerions|voudrais|voudrions|souhaite|souhaiterais|souhaitons|veux|voulons|envie)(?: [a-z]+)?(?: de| d')? ?(?:apprendre|decouvrir|me former|nous former|monter en competences?)";
/**
 * Work that someone else does, in the passive with its agent (« l'OCR est fait par un
 * prestataire », « la campagne est pilotée par le service national »): not the author's skill.
 */
const DONE_BY_OTHERS =
  "(?:est|sont|etait|etaient) (?:faite?s?|geree?s?|pilotee?s?|assuree?s?|realisee?s?|prise?s? en charge|confiee?s?|sous-traitee?s?|externalisee?s?) (?:par|a) (?:un|une|des|le|la|les|l'|notre|nos|d'autres)";
const markerRegex = (markers: string[], patterns: string[] = []) =>
  new RegExp(`\\b(?:${[...markers.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")), ...patterns].join("|")})\\b`);
const LEARNING_REGEX = markerRegex([...LEARNING_MARKERS, ...ABSENCE_MARKERS], [WISH_TO_LEARN, DONE_BY_OTHERS]);

/** Strength kept by an ambiguous concept that a profile's tag names but nothing else in the profile confirms. */
const UNCONFIRMED_TAG_FACTOR = 0.3;

/** `folded`: text already lower-cased and accent-folded. */
export function hasLearningMarker(folded: string): boolean {
  return LEARNING_REGEX.test(folded);
}

export interface DocumentConcept {
  conceptIndex: number;
  /** Strength in [0, 1]: 1 for a skill claimed with no restriction. */
  strength: number;
  /** Where it was found and with which words (for reasons). */
  words: string[];
  inTags: boolean;
}

/**
 * Keeps an ambiguous mention only when the same document shows, unambiguously, another concept of
 * the same family or a linked concept ("réseau" next to "VLAN", not next to "médiathèques").
 */
export function resolveAmbiguity(referentiel: Referentiel, occurrences: ConceptOccurrence[]): ConceptOccurrence[] {
  const certain = new Set<number>();
  const certainFamilies = new Set<number>();
  for (const o of occurrences) {
    if (o.ambiguous) continue;
    certain.add(o.conceptIndex);
    certainFamilies.add(referentiel.familyOfConcept[o.conceptIndex]!);
  }
  return occurrences.filter((o) => {
    if (!o.ambiguous || certain.has(o.conceptIndex)) return true;
    if (certainFamilies.has(referentiel.familyOfConcept[o.conceptIndex]!)) return true;
    for (const linked of referentiel.links.get(o.conceptIndex)?.keys() ?? []) if (certain.has(linked)) return true;
    return false;
  });
}

export interface FieldInput {
  text: string;
  /** Multiplier applied to the concepts found (skill level, required or not, field weight). */
  weight: number;
  isTag: boolean;
  /** Lower the weight of sentences saying the skill is being learnt (agents only). */
  learningAware: boolean;
  /**
   * Factor applied to a concept that this field shows only once through a weak form (one everyday
   * word, see FormEntry.strong) and that no other field of the document shows (default 1).
   */
  weakFactor?: number;
}

export interface DocumentAnalysis {
  concepts: Map<number, DocumentConcept>;
  outsideDigitalTerms: Set<string>;
  /** Index terms of each field, in the order of the input fields (analyzed once). */
  fieldTerms: string[][];
  /** Each field lower-cased and accent-folded, in the same order. */
  fieldFolded: string[];
  /** Term → first word as written (only when analyzed with originals). */
  originals: Map<string, string>;
}

/** One field analyzed: its terms, and the concepts of each sentence (a tag is one sentence). */
interface FieldAnalysis {
  terms: string[];
  folded: string;
  sequence: AnalyzedToken[];
  sentences: { learning: boolean; found: TextConcepts }[];
}

function analyzeField(referentiel: Referentiel, field: FieldInput, withOriginals: boolean): FieldAnalysis {
  // One analysis per field; free text is then cut into sentences (phrases and markers stay local).
  const analyzed = analyzeText(field.text, withOriginals);
  // Most fields carry no learning marker: one test of the whole field spares one per sentence.
  const fieldLearning = field.learningAware && hasLearningMarker(analyzed.folded);
  // A tag is one sequence; free text, one per sentence (tokens come in sentence order).
  const { sequence } = analyzed;
  const sentences: FieldAnalysis["sentences"] = [];
  const learningSentences = new Set<number>();
  for (let from = 0, to = 0; from < sequence.length; from = to) {
    const sentence = sequence[from]!.sentence;
    to = field.isTag ? sequence.length : from + 1;
    while (to < sequence.length && sequence[to]!.sentence === sentence) to++;
    let learning = fieldLearning;
    if (learning && !field.isTag) {
      const start = analyzed.sentenceStarts[sentence] ?? 0;
      const end = analyzed.sentenceStarts[sentence + 1] ?? analyzed.folded.length;
      learning = hasLearningMarker(analyzed.folded.slice(start, end));
      if (learning) learningSentences.add(sentence);
    }
    sentences.push({ learning, found: detectInSequence(referentiel, sequence, withOriginals, from, to) });
  }
  // Free text that says a skill is being learnt or absent is no evidence of it: the words of those
  // sentences leave the text index too (« je découvre Chorus Pro », « j'aimerais apprendre LaTeX »).
  const terms = learningSentences.size
    ? analyzed.terms.filter((_, k) => !learningSentences.has(analyzed.termSentences[k]!))
    : analyzed.terms;
  return { terms, folded: analyzed.folded, sequence: analyzed.sequence, sentences };
}

// Tags repeat across profiles (most are picked from the référentiel): their analysis is kept, per
// référentiel, for the index build. Results are shared, never mutated.
const TAG_CACHE_LIMIT = 50_000;
/**
 * Per référentiel: one cache for fields aware of learning markers, one for the others, each with
 * and without the words as written (explanations re-read the tags of the profiles they explain).
 */
const tagCaches = new WeakMap<Referentiel, Map<string, FieldAnalysis>[]>();

function analyzeTag(referentiel: Referentiel, field: FieldInput, withOriginals: boolean): FieldAnalysis {
  let caches = tagCaches.get(referentiel);
  if (!caches) tagCaches.set(referentiel, (caches = [new Map(), new Map(), new Map(), new Map()]));
  const cache = caches[(field.learningAware ? 1 : 0) + (withOriginals ? 2 : 0)]!;
  let analysis = cache.get(field.text);
  if (!analysis) {
    analysis = analyzeField(referentiel, field, withOriginals);
    if (cache.size >= TAG_CACHE_LIMIT) cache.clear();
    cache.set(field.text, analysis);
  }
  return analysis;
}

/** Concepts of a whole document (all tags and free-text fields), disambiguated together. */
export function analyzeDocumentConcepts(referentiel: Referentiel, fields: FieldInput[], withOriginals = false): DocumentAnalysis {
  const pieces: { occurrence: ConceptOccurrence; weight: number; isTag: boolean; weakFactor: number; unconfirmedFactor: number }[] = [];
  const outsideDigitalTerms = new Set<string>();
  const fieldTerms: string[][] = [];
  const fieldFolded: string[] = [];
  const originals = new Map<string, string>();
  for (const field of fields) {
    const analyzed = field.isTag ? analyzeTag(referentiel, field, withOriginals) : analyzeField(referentiel, field, withOriginals);
    fieldTerms.push(analyzed.terms);
    fieldFolded.push(analyzed.folded);
    if (withOriginals) for (const t of analyzed.sequence) if (!originals.has(t.term)) originals.set(t.term, t.original);
    for (const { learning, found } of analyzed.sentences) {
      const weight = learning ? field.weight * 0.3 : field.weight;
      for (const t of found.outsideDigitalTerms) outsideDigitalTerms.add(t);
      // A profile's own tag, even ambiguous and unconfirmed (« sauvegarde » alone), is a skill its
      // author claims: it keeps a little weight. An unconfirmed word of free text keeps none.
      const unconfirmedFactor = field.isTag && field.learningAware ? UNCONFIRMED_TAG_FACTOR : 0;
      for (const occurrence of found.occurrences) pieces.push({ occurrence, weight, isTag: field.isTag, weakFactor: field.weakFactor ?? 1, unconfirmedFactor });
    }
  }
  // Most documents have no ambiguous mention: then every occurrence is kept.
  const kept = pieces.some((p) => p.occurrence.ambiguous) ? new Set(resolveAmbiguity(referentiel, pieces.map((p) => p.occurrence))) : null;
  // Repeated support: a concept the document shows twice or more is not a lone word.
  let mentions: Map<number, number> | null = null;
  if (pieces.some((p) => !p.occurrence.strong && p.weakFactor !== 1)) {
    mentions = new Map();
    for (const p of pieces) mentions.set(p.occurrence.conceptIndex, (mentions.get(p.occurrence.conceptIndex) ?? 0) + 1);
  }
  const concepts = new Map<number, DocumentConcept>();
  for (const piece of pieces) {
    const unconfirmed = kept !== null && !kept.has(piece.occurrence);
    if (unconfirmed && piece.unconfirmedFactor === 0) continue;
    const index = piece.occurrence.conceptIndex;
    const weak = mentions !== null && !piece.occurrence.strong && (mentions.get(index) ?? 0) < 2;
    const weight = (weak ? piece.weight * piece.weakFactor : piece.weight) * (unconfirmed ? piece.unconfirmedFactor : 1);
    if (weight <= 0) continue;
    const existing = concepts.get(index);
    if (existing) {
      existing.strength = Math.max(existing.strength, weight);
      if (withOriginals && !existing.words.includes(piece.occurrence.words)) existing.words.push(piece.occurrence.words);
      existing.inTags ||= piece.isTag;
    } else {
      concepts.set(index, { conceptIndex: index, strength: weight, words: withOriginals ? [piece.occurrence.words] : [], inTags: piece.isTag });
    }
  }
  return { concepts, outsideDigitalTerms, fieldTerms, fieldFolded, originals };
}

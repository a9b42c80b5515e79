/**
 * French text pipeline: lower-case, accent folding, elisions, stop words, French Porter stemming.
 * Acronyms, versions and tool names (RGAA, BP-028, D10, M@gistère, data.gouv.fr, CI/CD) are kept whole.
 */
import PorterStemmerFr from "natural/lib/natural/stemmers/porter_stemmer_fr";

/** Lower-case and remove diacritics; ligatures are expanded so that "cœur" = "coeur". */
export function foldText(text: string): string {
  return foldAccentsKeepCase(text).toLowerCase();
}

const STOP_WORDS_LIST = `a au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je la le les leur leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y
etre ete etait etaient etant suis es est sommes etes sont serai sera seront serait ai as avons avez ont avait avaient aurai aura auront aurait eu
ceci cela ca celui celle ceux celles dont donc car ni or si sans sous chez vers entre depuis pendant avant apres aussi ainsi alors encore deja tres plus moins peu beaucoup bien tout tous toute toutes autre autres chaque quelque quelques plusieurs certains certaines meme memes tel telle tels telles
comme quand comment pourquoi lorsque lors puis ici la-bas ceux-ci afin parce notamment egalement surtout souvent toujours jamais parfois vraiment environ fois
fait faire faites peux peut peuvent pouvons pourrons pourra pourrait sais sait savoir vais va vont avoir dois doit
un deux trois quatre cinq dont ou where the and of for to in on with at by an is are be as it this that from or
qu'il etc via cas tant chez leurs sienne sien votre nos mon ma mes ton ta tes`;

/** French (plus a few English) function words, accent-folded. */
export const STOP_WORDS: ReadonlySet<string> = new Set(STOP_WORDS_LIST.split(/\s+/).filter(Boolean));

// Elided articles and pronouns: l'audit, d'accessibilité, qu'un, j'ai (dropped by the scanner).
const ELIDED = new Set(["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"]);
// A token: letters/digits plus the characters tool names use (@ + #), joined by - . / _ inside the token.
const JOINERS = /[-./_]/;

const stemCache = new Map<string, string>();
const protectedWords = new Set<string>();

/**
 * Words kept whole by the stemmer (acronyms and tool names of the référentiel: "moodle", "rgaa"),
 * so that "RGAA", "Rgaa" and "rgaa" give the same term whatever the casing of the source.
 */
export function addProtectedWords(words: Iterable<string>): void {
  let added = false;
  for (const word of words) {
    const folded = foldText(word);
    if (!protectedWords.has(folded)) {
      protectedWords.add(folded);
      added = true;
    }
  }
  if (added) {
    stemCache.clear();
    termCache.clear();
  }
}

/** The index term of a folded word, or "" for a stop word: one cached lookup per token. */
const termCache = new Map<string, string>();

function termOfWord(word: string): string {
  let term = termCache.get(word);
  if (term === undefined) {
    term = STOP_WORDS.has(word) ? "" : stemWord(word);
    if (termCache.size >= 500_000) termCache.clear();
    termCache.set(word, term);
  }
  return term;
}

/** Stems one folded word; words carrying digits or symbols are kept whole (versions, tool names). */
export function stemWord(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  let stem: string;
  if (word.length <= 3 || protectedWords.has(word) || /[0-9@+#]/.test(word)) stem = word;
  else stem = PorterStemmerFr.stem(word);
  if (stemCache.size < 500_000) stemCache.set(word, stem);
  return stem;
}

export interface AnalyzedToken {
  /** Index term (stemmed, folded). */
  term: string;
  /** Folded surface word (before stemming), for reasons and typo correction. */
  word: string;
  /** Word as written in the source text, for display. */
  original: string;
  /** Position of the source token, so that phrase matching can see adjacency across compound parts. */
  position: number;
  /** Sentence number in the text (0-based). */
  sentence: number;
}

export interface AnalyzedText {
  /** Sequence for phrase matching: compound words are split into their parts; stop words removed. */
  sequence: AnalyzedToken[];
  /** Terms for the inverted index: each compound whole and its parts; stop words removed. */
  terms: string[];
  /** Sentence of each term, in the same order as `terms`. */
  termSentences: number[];
  /** The whole text, lower-cased and accent-folded (for marker detection). */
  folded: string;
  /** Offset in `folded` where each sentence starts. */
  sentenceStarts: number[];
}

const isTokenChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 64 || c === 43 || c === 35;
const isJoinerChar = (c: number) => c === 45 || c === 46 || c === 47 || c === 95;
/** A "word" character of regular expressions' \b: a letter, a digit or _. */
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
const isSentenceEnd = (c: number) => c === 46 || c === 33 || c === 63 || c === 59 || c === 10;
const hasUpperCase = (text: string, start: number, end: number) => {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
};

function isAcronym(original: string): boolean {
  // RGAA, ANSSI, DS, PRA, TCD: kept whole, never stemmed.
  return original.length >= 2 && /^[A-Z0-9@&+#]+$/.test(original) && /[A-Z]/.test(original);
}

// One-pass folding table for the non-ASCII characters met in French texts (faster than NFD).
const FOLD_TABLE = new Map<string, string>();
for (let code = 0xc0; code <= 0x24f; code++) {
  const ch = String.fromCharCode(code);
  const folded = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  if (folded !== ch) FOLD_TABLE.set(ch, folded);
}
for (const [ch, folded] of [["œ", "oe"], ["Œ", "OE"], ["æ", "ae"], ["Æ", "AE"], ["’", "'"], ["‘", "'"], ["`", "'"], ["´", "'"]] as const) {
  FOLD_TABLE.set(ch, folded);
}

function foldAccentsKeepCase(text: string): string {
  return text.replace(/[^\x00-\x5f\x61-\x7f]/g, (ch) => {
    const folded = FOLD_TABLE.get(ch);
    if (folded !== undefined) return folded;
    // Rare characters (other scripts, combining marks): decompose and drop the marks.
    return ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  });
}

/** Accent folding that remembers, for each folded character, where it came from in the raw text. */
function foldWithOffsets(raw: string): { folded: string; offsets: number[] } {
  let folded = "";
  const offsets: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    // ASCII needs no folding: only accented letters and ligatures go through NFD.
    const piece = ch.charCodeAt(0) < 128 ? ch : foldAccentsKeepCase(ch);
    folded += piece;
    for (let k = 0; k < piece.length; k++) offsets.push(i);
  }
  return { folded, offsets };
}

const CLAUSE_TURNS = new Set(["mais", "cependant", "toutefois", "pourtant", "neanmoins"]);
/** Two-word turns, by their first word: « même si », « bien que », « sans être ». */
const CLAUSE_TURN_PAIRS = new Map<string, RegExp>([
  ["meme", /^ si\b/],
  ["bien", /^ qu(e\b|')/],
  ["sans", /^ etre\b/],
]);

/** A word (ending at `end` in `folded`) that opens a clause turning the sentence around. */
function isClauseTurn(token: string, folded: string, end: number): boolean {
  if (CLAUSE_TURNS.has(token)) return true;
  const pair = CLAUSE_TURN_PAIRS.get(token);
  return pair !== undefined && pair.test(folded.slice(end, end + 6));
}

/**
 * Analyzes free text. With `withOriginals`, each token also carries the words as written
 * (accents included), for display in reasons; the index build skips that work.
 */
export function analyzeText(text: string, withOriginals = false): AnalyzedText {
  const sequence: AnalyzedToken[] = [];
  const terms: string[] = [];
  const termSentences: number[] = [];
  const raw = withOriginals ? text.normalize("NFC") : text;
  const mapped = withOriginals ? foldWithOffsets(raw) : null;
  // Keep the casing for acronym detection: fold accents first, lower-case afterwards.
  const accentFolded = mapped ? mapped.folded : foldAccentsKeepCase(text);
  const folded = accentFolded.toLowerCase();
  const sentenceStarts = [0];
  let position = 0;
  let sentence = 0;
  let pendingBoundary = false;
  let elisionStart = -1;
  let i = 0;
  const n = folded.length;
  // Hand-written scanner (no regex match objects): tokens are [a-z0-9@+#] runs, joined by - . / _
  // when a token character follows; a . ! ? ; or new line between tokens ends a sentence, and so
  // does a clause turn (« mais », « même si »…).
  while (i < n) {
    const c = folded.charCodeAt(i);
    if (!isTokenChar(c)) {
      if (isSentenceEnd(c)) pendingBoundary = true;
      i++;
      continue;
    }
    const start = i;
    let hasJoiner = false;
    i++;
    while (i < n) {
      const d = folded.charCodeAt(i);
      if (isTokenChar(d)) i++;
      else if (isJoinerChar(d) && i + 1 < n && isTokenChar(folded.charCodeAt(i + 1))) {
        hasJoiner = true;
        i += 2;
      } else break;
    }
    // An elided article or pronoun (l', qu') at the start of a word: dropped.
    if (!hasJoiner && i < n && folded.charCodeAt(i) === 39 && i - start <= 6 && (start === 0 || !isWordChar(folded.charCodeAt(start - 1)))) {
      if (ELIDED.has(folded.slice(start, i))) {
        // A sentence that starts with one (« J'ai suivi… ») starts there, for its markers.
        if (elisionStart < 0) elisionStart = start;
        i++;
        continue;
      }
    }
    if (pendingBoundary && position > 0) {
      sentence++;
      sentenceStarts.push(elisionStart >= 0 ? elisionStart : start);
    }
    elisionStart = -1;
    pendingBoundary = false;
    const token = folded.slice(start, i);
    // « mais », « même si », « bien que »… turn a clause around (« je ne suis pas pentesteur, mais
    // je connais les failles web »): each side is read as its own sentence, for phrases and
    // learning markers alike.
    if (!hasJoiner && isClauseTurn(token, folded, i)) {
      if (position > 0) {
        sentence++;
        sentenceStarts.push(start);
      }
      position++;
      continue;
    }
    const original = mapped
      ? raw.slice(mapped.offsets[start] ?? 0, (mapped.offsets[i - 1] ?? raw.length - 1) + 1)
      : token;
    const keepWhole = hasUpperCase(accentFolded, start, i) && isAcronym(accentFolded.slice(start, i));
    if (hasJoiner) {
      // Compound: index the whole (pare-feu, bp-028, data.gouv.fr) and its parts.
      terms.push(token);
      termSentences.push(sentence);
      for (const part of token.split(JOINERS)) {
        if (!part) continue;
        const term = keepWhole ? (STOP_WORDS.has(part) ? "" : part) : termOfWord(part);
        if (!term) continue;
        terms.push(term);
        termSentences.push(sentence);
        sequence.push({ term, word: part, original, position, sentence });
      }
    } else {
      const term = keepWhole ? (STOP_WORDS.has(token) ? "" : token) : termOfWord(token);
      if (term) {
        terms.push(term);
        termSentences.push(sentence);
        sequence.push({ term, word: token, original, position, sentence });
      }
    }
    position++;
  }
  return { sequence, terms, termSentences, folded, sentenceStarts };
}

/** Damerau-Levenshtein distance (optimal string alignment), bounded for speed. */
let distanceBuffer = new Int32Array(1024);

export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  // One reused buffer: the tag picker compares thousands of word pairs per keystroke.
  if (distanceBuffer.length < rows * cols) distanceBuffer = new Int32Array(rows * cols * 2);
  const d = distanceBuffer;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
  }
  return d[rows * cols - 1]!;
}

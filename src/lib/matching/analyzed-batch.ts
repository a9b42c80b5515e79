/**
 * Analyzed profiles in a compact, transferable form: what the index keeps of each profile (term
 * frequencies, concept and family strengths, field lengths), with one term dictionary per batch.
 * Written where the analysis runs (this thread or a worker thread), read by the engine's insertBatch.
 */
import { analyzeAgent } from "./score";
import type { Referentiel } from "./referentiel";
import type { MatchAgent } from "./types";

export interface AnalyzedBatch {
  /** Terms of the batch; the profiles refer to them by position. */
  terms: string[];
  /**
   * Per profile, in order: termCount, (term, tfTags, tfBio) × termCount, conceptCount,
   * (conceptIndex, strength × 255) × conceptCount, familyCount, (familyIndex, strength × 255) × familyCount,
   * tagLength, bioLength.
   */
  data: Int32Array;
  /** Number of profiles. */
  count: number;
}

/** What the analysis needs of a profile (sent to worker threads instead of the whole profile). */
export type AnalysisInput = Pick<MatchAgent, "skills" | "bio" | "presentation">;

export class AnalyzedBatchWriter {
  private readonly termIndex = new Map<string, number>();
  private readonly terms: string[] = [];
  private data: Int32Array;
  private used = 0;
  private count = 0;

  constructor(private readonly referentiel: Referentiel, capacity = 256) {
    this.data = new Int32Array(capacity);
  }

  add(agent: AnalysisInput): void {
    const document = analyzeAgent(this.referentiel, agent as MatchAgent);
    const { tagTerms, bioTerms, concepts, families } = document;
    this.reserve(5 + 3 * (tagTerms.size + bioTerms.size) + 2 * (concepts.size + families.size));
    const data = this.data;
    const countAt = this.used++;
    let termCount = 0;
    for (const [term, tfTags] of tagTerms) {
      data[this.used++] = this.termId(term);
      data[this.used++] = tfTags;
      data[this.used++] = bioTerms.get(term) ?? 0;
      termCount++;
    }
    for (const [term, tfBio] of bioTerms) {
      if (tagTerms.has(term)) continue;
      data[this.used++] = this.termId(term);
      data[this.used++] = 0;
      data[this.used++] = tfBio;
      termCount++;
    }
    data[countAt] = termCount;
    data[this.used++] = concepts.size;
    for (const [conceptIndex, strength] of concepts) {
      data[this.used++] = conceptIndex;
      data[this.used++] = Math.round(strength * 255);
    }
    data[this.used++] = families.size;
    for (const [familyIndex, strength] of families) {
      data[this.used++] = familyIndex;
      data[this.used++] = Math.round(strength * 255);
    }
    data[this.used++] = document.tagLength;
    data[this.used++] = document.bioLength;
    this.count++;
  }

  finish(): AnalyzedBatch {
    return { terms: this.terms, data: this.data.slice(0, this.used), count: this.count };
  }

  private termId(term: string): number {
    let id = this.termIndex.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIndex.set(term, id);
      this.terms.push(term);
    }
    return id;
  }

  private reserve(size: number): void {
    if (this.used + size <= this.data.length) return;
    const next = new Int32Array(Math.max(this.data.length * 2, this.used + size));
    next.set(this.data.subarray(0, this.used));
    this.data = next;
  }
}

/** Analyzes profiles into one batch. */
export function analyzeBatch(referentiel: Referentiel, agents: readonly AnalysisInput[]): AnalyzedBatch {
  const writer = new AnalyzedBatchWriter(referentiel, 64 * Math.max(1, agents.length));
  for (const agent of agents) writer.add(agent);
  return writer.finish();
}

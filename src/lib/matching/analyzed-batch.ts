/**
 * Analyzed profiles in a compact, transferable form: what the index keeps of each profile (term
 * frequencies, concept and family strengths, field lengths), with one term dictionary per batch.
 * Written where the analysis runs (this thread or a worker thread), read by the engine's insertBatch.
 */
import { analyzeProfile } from "./score";
import type { Referentiel } from "./referentiel";
import type { MatchAgent } from "./types";

export interface AnalyzedBatch {
  /** Terms of the batch; the profiles refer to them by position. */
  terms: string[];
  /**
   * Per profile, in order: termCount, (term, tfTags, tfBio) × termCount, conceptCount,
   * (conceptIndex, strength × 255) × conceptCount, familyCount, (familyIndex, strength × 255) × familyCount,
   * tagLength, bioLength, learner (1 when the profile presents itself as learning, else 0).
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
  // Per batch term: frequencies in the profile being written (valid when stamp = profile number).
  private tfTags = new Int32Array(1024);
  private tfBio = new Int32Array(1024);
  private stamp = new Int32Array(1024);
  private readonly order: number[] = [];

  constructor(private readonly referentiel: Referentiel, capacity = 256) {
    this.data = new Int32Array(capacity);
  }

  /** Same terms, counts and order as analyzeAgent's maps, counted on arrays instead. */
  add(agent: AnalysisInput): void {
    const profile = analyzeProfile(this.referentiel, agent as MatchAgent);
    const { fieldTerms, outsideDigitalTerms, concepts, families, learner } = profile;
    const stampValue = this.count + 1;
    const order = this.order;
    order.length = 0;
    let tagLength = 0;
    let bioLength = 0;
    const bioField = fieldTerms.length - 1;
    for (let field = 0; field <= bioField; field++) {
      for (const term of fieldTerms[field]!) {
        if (outsideDigitalTerms.size > 0 && outsideDigitalTerms.has(term)) continue;
        const id = this.termId(term);
        if (this.stamp[id] !== stampValue) {
          this.stamp[id] = stampValue;
          this.tfTags[id] = 0;
          this.tfBio[id] = 0;
          order.push(id);
        }
        if (field < bioField) {
          this.tfTags[id]!++;
          tagLength++;
        } else {
          this.tfBio[id]!++;
          bioLength++;
        }
      }
    }
    this.reserve(6 + 3 * order.length + 2 * (concepts.size + families.size));
    const data = this.data;
    data[this.used++] = order.length;
    for (const id of order) {
      data[this.used++] = id;
      data[this.used++] = this.tfTags[id]!;
      data[this.used++] = this.tfBio[id]!;
    }
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
    data[this.used++] = tagLength;
    data[this.used++] = bioLength;
    data[this.used++] = learner ? 1 : 0;
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
      if (id >= this.stamp.length) {
        const grow = (array: Int32Array) => {
          const next = new Int32Array(array.length * 2);
          next.set(array);
          return next;
        };
        this.tfTags = grow(this.tfTags);
        this.tfBio = grow(this.tfBio);
        this.stamp = grow(this.stamp);
      }
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

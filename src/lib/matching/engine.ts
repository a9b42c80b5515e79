/**
 * Matching engine: an incremental inverted index of agent profiles (text terms, concepts and
 * concept families on typed arrays) that ranks agents for a mission in a few milliseconds.
 */
import { analyzeBatch, type AnalyzedBatch } from "./analyzed-batch";
import { ConstraintFactsTable } from "./constraint-facts";
import { DocumentKeys, GrowableFloat32, GrowableUint8, PostingList, TermPostings, TopK } from "./inverted-index";
import { buildReferentiel, getDefaultReferentiel, type Referentiel, type SkillConcept, type SkillFamily } from "./referentiel";
import {
  agentConstraintFacts,
  analyzeAgent,
  analyzeMission,
  evaluateConstraints,
  calibratedScore,
  finalScore,
  fuse,
  idf,
  LEARNER_FACTOR,
  missionConstraintFacts,
  normalizeText,
  prepareQuery,
  scorePair,
  SCORING,
  type AgentDocument,
  type CollectionStats,
  type MissionQuery,
  type PairScore,
  type PreparedQuery,
} from "./score";
import { FIT_LABELS, fitLevel } from "./fit";
import type { MatchAgent, MatchCandidate, MatchDetails, MatchMission, MatchReason, MatchedConcept, MatchedSkill, MissionCandidate } from "./types";

export interface MatchingEngineOptions {
  /** A prepared référentiel; or the concepts (and families) to build it from. Default: the seed data. */
  referentiel?: Referentiel;
  concepts?: SkillConcept[];
  families?: SkillFamily[];
  /**
   * Keep each profile as given, texts included, for rankAgents' explanations (default true). A
   * server that reads back from its database the few profiles it explains sets it to false: the
   * index then holds no presentation (most of a profile's memory), and explanations come from
   * rankAgentIds followed by explainAgents with the profiles read.
   */
  keepProfiles?: boolean;
}

export interface RankOptions {
  /** Number of candidates returned (default 20). */
  top?: number;
}

export class MatchingEngine implements CollectionStats {
  readonly referentiel: Referentiel;
  private readonly text = new TermPostings();
  private readonly conceptPostings: PostingList[];
  private readonly familyPostings: PostingList[];
  private readonly conceptDf: Int32Array;
  private readonly tagLength = new GrowableFloat32();
  private readonly bioLength = new GrowableFloat32();
  private readonly deleted = new GrowableUint8();
  private readonly paused = new GrowableUint8();
  /** 1 for a profile that presents itself as learning: its words show a skill at LEARNER_FACTOR. */
  private readonly learner = new GrowableUint8();
  /** The agent id of each internal document (undefined once removed). */
  private readonly docIds: (string | undefined)[] = [];
  /** The profiles as given, when keepProfiles is set. */
  private readonly docAgents: (MatchAgent | undefined)[] | null;
  private readonly docFacts = new ConstraintFactsTable();
  private readonly docKeys = new DocumentKeys();
  private readonly docByAgentId = new Map<string, number>();
  private nextDoc = 0;
  private liveCount = 0;
  private tombstones = 0;
  private sumTagLength = 0;
  private sumBioLength = 0;
  // Scratch buffers reused across queries (sized to the number of internal docs).
  private textAcc = new Float64Array(0);
  private conceptAcc = new Float64Array(0);
  private best = new Float32Array(0);
  private touchedFlag = new Uint8Array(0);
  private touched = new Int32Array(0);
  private bestTouched = new Int32Array(0);
  private termEvidence = new Float64Array(0);
  private aspectFlag = new Uint8Array(0);
  // Per-profile BM25F field weight / length normalisation, recomputed when the average lengths move.
  private tagFactor = new Float32Array(0);
  private bioFactor = new Float32Array(0);
  /** Average lengths the factors were computed with, and the profiles they cover. */
  private norms = { avgTag: 0, avgBio: 0, docs: 0 };
  /** Bumped each time the averages are taken anew: every posting weight computed before is stale. */
  private factorsEpoch = 0;
  private readonly missionAnalyses = new Map<string, { fingerprint: string; query: MissionQuery }>();
  private readonly explained = new Map<number, { agent: MatchAgent; document: AgentDocument }>();

  constructor(options: MatchingEngineOptions = {}) {
    this.referentiel =
      options.referentiel ?? (options.concepts ? buildReferentiel(options.concepts, options.families) : getDefaultReferentiel());
    this.conceptPostings = this.referentiel.concepts.map(() => new PostingList());
    this.familyPostings = this.referentiel.families.map(() => new PostingList());
    this.conceptDf = new Int32Array(this.referentiel.concepts.length);
    this.docAgents = options.keepProfiles === false ? null : [];
  }

  // ── CollectionStats ──────────────────────────────────────────────────────
  get documentCount(): number {
    return this.liveCount;
  }
  /** The average lengths the length normalisation uses (see ensureLengthFactors). */
  get averageTagLength(): number {
    return this.norms.avgTag > 0 ? this.norms.avgTag : this.liveAverageTagLength();
  }
  get averageBioLength(): number {
    return this.norms.avgBio > 0 ? this.norms.avgBio : this.liveAverageBioLength();
  }
  private liveAverageTagLength(): number {
    return Math.max(1e-9, this.liveCount ? this.sumTagLength / this.liveCount : 1);
  }
  private liveAverageBioLength(): number {
    return Math.max(1e-9, this.liveCount ? this.sumBioLength / this.liveCount : 1);
  }
  termFrequency(term: string): number {
    const id = this.text.idOf(term, false);
    return id < 0 ? 0 : (this.text.documentFrequency.values[id] ?? 0);
  }
  conceptFrequency(conceptIndex: number): number {
    return this.conceptDf[conceptIndex] ?? 0;
  }

  /** Number of live profiles (paused ones included). */
  get size(): number {
    return this.liveCount;
  }

  has(agentId: string): boolean {
    return this.docByAgentId.has(agentId);
  }

  // ── Incremental updates ──────────────────────────────────────────────────

  /** Adds or replaces one profile, without rebuilding the index. */
  upsertAgent(agent: MatchAgent): void {
    this.insertBatch([agent], analyzeBatch(this.referentiel, [agent]));
  }

  /** Adds many profiles, then frees the spare capacity of the postings. */
  addAgents(agents: Iterable<MatchAgent>): void {
    let chunk: MatchAgent[] = [];
    for (const agent of agents) {
      chunk.push(agent);
      if (chunk.length === BUILD_CHUNK) {
        this.insertBatch(chunk, analyzeBatch(this.referentiel, chunk));
        chunk = [];
      }
    }
    if (chunk.length) this.insertBatch(chunk, analyzeBatch(this.referentiel, chunk));
    this.trim();
  }

  /**
   * Adds or replaces profiles already analyzed (here or by a worker thread, with the same
   * référentiel): `batch` holds the analyses of `agents`, in the same order.
   */
  insertBatch(agents: readonly MatchAgent[], batch: AnalyzedBatch): void {
    if (agents.length !== batch.count) throw new Error(`insertBatch: ${agents.length} profiles for ${batch.count} analyses`);
    const termIds = new Int32Array(batch.terms.length);
    for (let i = 0; i < termIds.length; i++) termIds[i] = this.text.idOf(batch.terms[i]!, true);
    const { lists, documentFrequency } = this.text;
    const data = batch.data;
    const keys = this.docKeys;
    let p = 0;
    for (const agent of agents) {
      this.removeAgent(agent.id);
      const doc = this.nextDoc++;
      const termCount = data[p++]!;
      const conceptCount = data[p + 3 * termCount]!;
      let key = keys.reserve(doc, termCount, conceptCount);
      for (let k = 0; k < termCount; k++, p += 3) {
        const id = termIds[data[p]!]!;
        lists[id]!.push(doc, data[p + 1]!, data[p + 2]!);
        documentFrequency.add(id, 1);
        keys.put(key++, id);
      }
      p++;
      for (let k = 0; k < conceptCount; k++, p += 2) {
        const conceptIndex = data[p]!;
        this.conceptPostings[conceptIndex]!.push(doc, data[p + 1]!, 0);
        this.conceptDf[conceptIndex]!++;
        keys.put(key++, conceptIndex);
      }
      const familyCount = data[p++]!;
      for (let k = 0; k < familyCount; k++, p += 2) this.familyPostings[data[p]!]!.push(doc, data[p + 1]!, 0);
      const tagLength = data[p++]!;
      const bioLength = data[p++]!;
      this.learner.set(doc, data[p++]!);
      this.tagLength.set(doc, tagLength);
      this.bioLength.set(doc, bioLength);
      this.deleted.set(doc, 0);
      this.paused.set(doc, agent.paused ? 1 : 0);
      this.docIds[doc] = agent.id;
      if (this.docAgents) this.docAgents[doc] = agent;
      this.docFacts.set(doc, agentConstraintFacts(agent));
      this.docByAgentId.set(agent.id, doc);
      this.liveCount++;
      this.sumTagLength += tagLength;
      this.sumBioLength += bioLength;
    }
  }

  /** Removes one profile (tombstone; statistics updated at once). Returns false if unknown. */
  removeAgent(agentId: string): boolean {
    const doc = this.docByAgentId.get(agentId);
    if (doc === undefined) return false;
    this.docByAgentId.delete(agentId);
    this.deleted.set(doc, 1);
    for (const id of this.docKeys.terms(doc)) this.text.documentFrequency.add(id, -1);
    for (const conceptIndex of this.docKeys.concepts(doc)) this.conceptDf[conceptIndex]!--;
    this.sumTagLength -= this.tagLength.values[doc] ?? 0;
    this.sumBioLength -= this.bioLength.values[doc] ?? 0;
    this.liveCount--;
    this.tombstones++;
    this.docIds[doc] = undefined;
    if (this.docAgents) this.docAgents[doc] = undefined;
    this.explained.delete(doc);
    return true;
  }

  /** Pauses or resumes a profile: paused profiles are never proposed. */
  setPaused(agentId: string, paused: boolean): boolean {
    const doc = this.docByAgentId.get(agentId);
    if (doc === undefined) return false;
    this.paused.set(doc, paused ? 1 : 0);
    const agent = this.docAgents?.[doc];
    if (agent) this.docAgents![doc] = { ...agent, paused };
    return true;
  }

  /** Drops the postings of removed profiles (worth it when many profiles changed). */
  compact(): void {
    const deleted = this.deleted.values;
    const isDeleted = (doc: number) => deleted[doc] === 1;
    for (const list of this.text.lists) list.compact(isDeleted);
    for (const list of this.conceptPostings) list.compact(isDeleted);
    for (const list of this.familyPostings) list.compact(isDeleted);
    this.docKeys.compact(this.nextDoc, (doc) => !isDeleted(doc));
    this.tombstones = 0;
    this.trim();
  }

  get tombstoneCount(): number {
    return this.tombstones;
  }

  /** Frees the spare capacity of the postings (after a bulk build). */
  trim(): void {
    for (const list of this.text.lists) list.trim();
    for (const list of this.conceptPostings) list.trim();
    for (const list of this.familyPostings) list.trim();
  }

  /** Approximate memory held by the index (postings, dictionary, per-profile arrays). */
  memoryBytes(): number {
    let bytes = this.text.byteSize();
    for (const list of this.conceptPostings) bytes += list.byteSize();
    for (const list of this.familyPostings) bytes += list.byteSize();
    bytes += this.tagLength.values.byteLength + this.bioLength.values.byteLength;
    bytes += this.deleted.values.byteLength + this.paused.values.byteLength + this.learner.values.byteLength;
    bytes += this.docKeys.byteSize() + this.docFacts.byteSize() + this.nextDoc * (this.docAgents ? 16 : 8); // + the slots of docIds (and docAgents)
    bytes += this.textAcc.byteLength + this.conceptAcc.byteLength + this.best.byteLength + this.touched.byteLength * 2 + this.touchedFlag.byteLength;
    return bytes;
  }

  // ── Ranking ──────────────────────────────────────────────────────────────

  private ensureScratch(): void {
    if (this.textAcc.length >= this.nextDoc) return;
    const size = Math.max(1024, this.nextDoc * 2);
    this.textAcc = new Float64Array(size);
    this.conceptAcc = new Float64Array(size);
    this.best = new Float32Array(size);
    this.touchedFlag = new Uint8Array(size);
    this.touched = new Int32Array(size);
    this.bestTouched = new Int32Array(size);
    this.termEvidence = new Float64Array(size);
    this.aspectFlag = new Uint8Array(size);
  }

  /**
   * BM25F length normalisation per profile. The averages are taken anew when they drift by more
   * than AVERAGE_LENGTH_TOLERANCE (as search engines do, to keep updates cheap): until then, new
   * profiles get factors from the averages in use, and existing posting weights stay valid.
   */
  private ensureLengthFactors(): void {
    const avgTag = this.liveAverageTagLength();
    const avgBio = this.liveAverageBioLength();
    const norms = this.norms;
    const drifted =
      !(norms.avgTag > 0) ||
      Math.abs(avgTag / norms.avgTag - 1) > AVERAGE_LENGTH_TOLERANCE ||
      Math.abs(avgBio / norms.avgBio - 1) > AVERAGE_LENGTH_TOLERANCE;
    if (!drifted && norms.docs === this.nextDoc) return;
    if (this.tagFactor.length < this.nextDoc) {
      const capacity = Math.max(1024, this.nextDoc * 2);
      const tagFactor = new Float32Array(capacity);
      const bioFactor = new Float32Array(capacity);
      tagFactor.set(this.tagFactor);
      bioFactor.set(this.bioFactor);
      this.tagFactor = tagFactor;
      this.bioFactor = bioFactor;
    }
    if (drifted) {
      norms.avgTag = avgTag;
      norms.avgBio = avgBio;
      norms.docs = 0;
      this.factorsEpoch++;
    }
    const { tagWeight, bioWeight, bTags, bBio } = SCORING;
    const tagLength = this.tagLength.values;
    const bioLength = this.bioLength.values;
    for (let doc = norms.docs; doc < this.nextDoc; doc++) {
      this.tagFactor[doc] = tagWeight / (1 - bTags + (bTags * tagLength[doc]!) / norms.avgTag);
      this.bioFactor[doc] = bioWeight / (1 - bBio + (bBio * bioLength[doc]!) / norms.avgBio);
    }
    norms.docs = this.nextDoc;
  }

  /** Prepares a mission as a query against the current collection statistics. */
  prepareMission(mission: MatchMission): PreparedQuery {
    this.ensureLengthFactors();
    return prepareQuery(this.referentiel, this.analyzeMissionOnce(mission), this);
  }

  /**
   * A mission's analysis depends only on its texts and the référentiel: it is kept per mission id
   * while its texts stay the same (« missions pour moi » reads every published mission each time).
   */
  private analyzeMissionOnce(mission: MatchMission): MissionQuery {
    const fingerprint = JSON.stringify([mission.title, mission.description ?? "", mission.skills]);
    const cached = this.missionAnalyses.get(mission.id);
    if (cached?.fingerprint === fingerprint) return cached.query;
    const query = analyzeMission(this.referentiel, mission);
    if (this.missionAnalyses.size >= MISSION_ANALYSES_KEPT) this.missionAnalyses.clear();
    this.missionAnalyses.set(mission.id, { fingerprint, query });
    return query;
  }

  /**
   * Ranks agents for a mission without building reasons (fast path, e.g. to paginate ids and
   * explain only the page shown). Scores are the same as rankAgents'.
   */
  rankAgentIds(mission: MatchMission, options: RankOptions = {}): { agentId: string; score: number }[] {
    const prepared = this.prepareMission(mission);
    return this.rankDocs(prepared, missionConstraintFacts(mission), options.top ?? 20).flatMap(({ doc, score }) => {
      const agentId = this.docIds[doc];
      return agentId ? [{ agentId, score: round(calibratedScore(score)) }] : [];
    });
  }

  /** Ranks agents for a mission, best first, with reasons. Paused profiles never appear. */
  rankAgents(mission: MatchMission, options: RankOptions = {}): MatchCandidate[] {
    const docAgents = this.docAgents;
    if (!docAgents) throw new Error("rankAgents: this engine keeps no profiles (keepProfiles: false); use rankAgentIds, then explainAgents");
    const top = options.top ?? 20;
    const shortlist = this.rankDocs(this.prepareMission(mission), missionConstraintFacts(mission), top);
    return this.explainAgents(mission, shortlist.flatMap(({ doc }) => docAgents[doc] ?? []), options);
  }

  /**
   * Scores and explains the given profiles for a mission, best first (the profiles of a shortlist
   * from rankAgentIds, as read back by the caller). Paused profiles are left out.
   */
  explainAgents(mission: MatchMission, agents: readonly MatchAgent[], options: RankOptions = {}): MatchCandidate[] {
    const prepared = this.prepareMission(mission);
    const candidates = agents.filter((agent) => !agent.paused).map((agent) => this.explainPair(prepared, mission, agent));
    candidates.sort((a, b) => b.score - a.score || a.agentId.localeCompare(b.agentId));
    return candidates.slice(0, options.top ?? 20);
  }

  /** Bulk scoring over the postings: touches only the query's terms, concepts and families. */
  private rankDocs(prepared: PreparedQuery, missionFacts: ReturnType<typeof missionConstraintFacts>, k: number): { doc: number; score: number }[] {
    this.ensureScratch();
    const deleted = this.deleted.values;
    const paused = this.paused.values;
    const textAcc = this.textAcc;
    const conceptAcc = this.conceptAcc;
    const best = this.best;
    const touchedFlag = this.touchedFlag;
    const touched = this.touched;
    const bestTouched = this.bestTouched;
    let touchedCount = 0;

    // Text relevance (BM25F over tags and bio), from each posting's precomputed weight (the length
    // factors are up to date: prepareMission saw to it).
    const textLists: { list: PostingList; factor: number }[] = [];
    let textPostings = 0;
    for (const { term, weight, idf } of prepared.terms) {
      const id = this.text.idOf(term, false);
      if (id < 0) continue;
      const list = this.text.lists[id]!;
      if (list.weightEpoch !== this.factorsEpoch || list.weighted < list.length) this.weighPostings(list);
      textLists.push({ list, factor: weight * idf });
      textPostings += list.length;
    }
    // A query that reaches a good part of the collection (whole mission descriptions do) is
    // cheaper to finish by scanning every profile than by keeping a list of those it touched.
    const dense = textPostings > this.nextDoc / 4;
    for (const { list, factor } of textLists) {
      const docs = list.docs;
      const weights = list.weight;
      if (dense) {
        for (let j = 0; j < list.length; j++) textAcc[docs[j]!]! += factor * weights[j]!;
        continue;
      }
      for (let j = 0; j < list.length; j++) {
        const doc = docs[j]!;
        textAcc[doc]! += factor * weights[j]!;
        if (touchedFlag[doc] === 0) {
          touchedFlag[doc] = 1;
          touched[touchedCount++] = doc;
        }
      }
    }

    // Skills asked for: per skill, the better of its concepts' credit (exact, linked, same family)
    // and the presence of the tag's own words, weighted by their rarity.
    const termEvidence = this.termEvidence;
    const aspectFlag = this.aspectFlag;
    const learner = this.learner.values;
    const presenceScale = 1 / SCORING.presenceReference;
    for (const aspect of prepared.aspects) {
      let count = 0;
      const visit = (list: PostingList, credit: number) => {
        const docs = list.docs;
        const strength = list.first;
        for (let j = 0; j < list.length; j++) {
          const doc = docs[j]!;
          if (deleted[doc] === 1) continue;
          const value = (strength[j]! / 255) * credit;
          if (value > best[doc]!) {
            if (aspectFlag[doc] === 0) {
              aspectFlag[doc] = 1;
              bestTouched[count++] = doc;
            }
            best[doc] = value;
          }
        }
      };
      for (const wanted of aspect.concepts) {
        visit(this.conceptPostings[wanted.conceptIndex]!, 1);
        for (const link of wanted.links) visit(this.conceptPostings[link.conceptIndex]!, link.credit);
        if (wanted.familyCredit > 0) visit(this.familyPostings[wanted.familyIndex]!, wanted.familyCredit);
      }
      for (const { term, share } of aspect.terms) {
        const id = this.text.idOf(term, false);
        if (id < 0) continue;
        const list = this.text.lists[id]!;
        if (list.weightEpoch !== this.factorsEpoch || list.weighted < list.length) this.weighPostings(list);
        const docs = list.docs;
        const weights = list.weight;
        for (let j = 0; j < list.length; j++) {
          const doc = docs[j]!;
          if (deleted[doc] === 1) continue;
          termEvidence[doc]! += share * Math.min(1, weights[j]! * presenceScale);
          if (aspectFlag[doc] === 0) {
            aspectFlag[doc] = 1;
            bestTouched[count++] = doc;
          }
        }
      }
      for (let j = 0; j < count; j++) {
        const doc = bestTouched[j]!;
        const wordEvidence = Math.min(1, termEvidence[doc]!) * (learner[doc] === 1 ? LEARNER_FACTOR : 1);
        conceptAcc[doc]! += aspect.weight * Math.max(best[doc]!, wordEvidence);
        best[doc] = 0;
        termEvidence[doc] = 0;
        aspectFlag[doc] = 0;
        if (!dense && touchedFlag[doc] === 0) {
          touchedFlag[doc] = 1;
          touched[touchedCount++] = doc;
        }
      }
    }

    const heap = new TopK(k);
    const totalWeight = prepared.totalAspectWeight;
    // Upper bound of a relevance before the exponential (1 - e^-x ≤ x): most profiles are
    // discarded against the heap's threshold without computing it.
    const conceptShare = totalWeight > 0 ? SCORING.conceptShare : 0;
    const textShare = 1 - conceptShare;
    const textScale = prepared.queryMass > 0 ? 1 / (SCORING.textScale * prepared.queryMass) : 0;
    const conceptScale = totalWeight > 0 ? 1 / totalWeight : 0;
    let threshold = heap.threshold / (1 + MAX_CONSTRAINT_BONUS);
    const consider = (doc: number) => {
      const text = textAcc[doc]!;
      const conceptScore = conceptAcc[doc]! * conceptScale;
      textAcc[doc] = 0;
      conceptAcc[doc] = 0;
      touchedFlag[doc] = 0;
      if (paused[doc] === 1 || deleted[doc] === 1) return;
      if (conceptShare * conceptScore + textShare * Math.min(1, text * textScale) <= threshold) return;
      const relevance = fuse(conceptScore, normalizeText(text, prepared.queryMass), conceptShare);
      if (relevance <= threshold) return;
      heap.offer(finalScore(relevance, evaluateConstraints(missionFacts, this.docFacts.get(doc), false).adjustment), doc);
      threshold = heap.threshold / (1 + MAX_CONSTRAINT_BONUS);
    };
    if (dense) {
      for (let doc = 0; doc < this.nextDoc; doc++) if (textAcc[doc] !== 0 || conceptAcc[doc] !== 0) consider(doc);
    } else {
      for (let j = 0; j < touchedCount; j++) consider(touched[j]!);
    }
    return heap.sorted();
  }

  /** Computes the BM25F weights of a text term's postings: all when stale, else the new ones. */
  private weighPostings(list: PostingList): void {
    const from = list.weightEpoch === this.factorsEpoch ? list.weighted : 0;
    if (list.weight.length < list.length) {
      const weight = new Float32Array(list.docs.length);
      weight.set(list.weight.subarray(0, from));
      list.weight = weight;
    }
    const { docs, first, second, weight } = list;
    const tagFactor = this.tagFactor;
    const bioFactor = this.bioFactor;
    const k1 = SCORING.k1;
    for (let j = from; j < list.length; j++) {
      const doc = docs[j]!;
      const tf = tagFactor[doc]! * first[j]! + bioFactor[doc]! * second[j]!;
      weight[j] = tf / (k1 + tf);
    }
    list.weightEpoch = this.factorsEpoch;
    list.weighted = list.length;
  }

  /**
   * A profile analyzed with its words as written, for explanations: kept per indexed document (a
   * changed profile gets a new document number), as the same agents come back across missions.
   */
  private explainedDocument(agent: MatchAgent): AgentDocument {
    const doc = this.docByAgentId.get(agent.id);
    if (doc === undefined) return analyzeAgent(this.referentiel, agent, true);
    const kept = this.explained.get(doc);
    if (kept && sameTexts(kept.agent, agent)) return kept.document;
    const document = analyzeAgent(this.referentiel, agent, true);
    if (this.explained.size >= EXPLAINED_KEPT) this.explained.clear();
    this.explained.set(doc, { agent, document });
    return document;
  }

  /** Full score and French reasons of one agent for one mission. */
  explainPair(prepared: PreparedQuery, mission: MatchMission, agent: MatchAgent): MatchCandidate {
    const document = this.explainedDocument(agent);
    const pair = scorePair(this.referentiel, prepared, document, this);
    const constraints = evaluateConstraints(missionConstraintFacts(mission), agentConstraintFacts(agent), true);
    const score = finalScore(pair.relevance, constraints.adjustment);
    const details = this.details(prepared, pair, document, agent, constraints);
    const rounded = round(calibratedScore(score));
    return { agentId: agent.id, score: rounded, fit: fitLevel(rounded), explanation: buildExplanation(rounded, details), reasons: buildReasons(details), details };
  }

  private details(prepared: PreparedQuery, pair: PairScore, document: AgentDocument, agent: MatchAgent, constraints: ReturnType<typeof evaluateConstraints>): MatchDetails {
    const concepts = this.referentiel.concepts;
    const originals = document.originals;
    const skills: MatchedSkill[] = [];
    const matchedConcepts: MatchedConcept[] = [];
    for (const found of [...pair.aspects].sort((a, b) => prepared.aspects[b.aspect]!.weight * b.evidence - prepared.aspects[a.aspect]!.weight * a.evidence)) {
      const aspect = prepared.aspects[found.aspect]!;
      let concept: MatchedConcept | undefined;
      if (found.concept) {
        const { wanted, via, kind } = found.concept;
        concept = {
          conceptId: concepts[wanted]!.id,
          conceptLabel: concepts[wanted]!.label,
          viaConceptId: via >= 0 ? concepts[via]!.id : "",
          viaConceptLabel: via >= 0 ? concepts[via]!.label : "",
          kind,
          agentWords: via >= 0 ? (document.conceptDetails.get(via)?.words ?? []) : [],
          credit: round(found.evidence),
        };
        matchedConcepts.push(concept);
      }
      const byConcept = found.via === "concept" && concept !== undefined;
      const agentWords = byConcept ? concept!.agentWords : found.terms.map((t) => originals.get(t) ?? t);
      const inTags = byConcept ? Boolean(document.conceptDetails.get(found.concept!.via)?.inTags) : found.terms.some((t) => document.tagTerms.has(t));
      const alternatives = new Set(aspect.terms.filter((t) => t.alternative).map((t) => t.term));
      const alternative = !byConcept && found.terms.length > 0 && found.terms.every((t) => alternatives.has(t));
      skills.push({ label: aspect.label, inferred: aspect.inferred, evidence: round(found.evidence), via: found.via, concept, agentWords: [...new Set(agentWords)], inTags, ...(alternative ? { alternative } : {}) });
    }
    // Words that weighed most, among the rare ones only: common words explain nothing.
    const rareIdf = RARE_TERM_IDF_SHARE * idf(this.documentCount, 1);
    const topWords = pair.termContributions
      .filter((t) => t.idf >= rareIdf)
      .sort((a, b) => b.contribution - a.contribution)
      .slice(0, 5)
      .map((t) => originals.get(t.term) ?? t.term);
    const asked = prepared.aspects.filter((a) => !a.inferred).map((a) => a.label);
    return {
      conceptScore: round(pair.conceptScore),
      skills,
      skillsAsked: asked,
      textScore: round(pair.textNorm),
      matchedConcepts,
      topWords: [...new Set(topWords)],
      sameAdministration: constraints.sameAdministration,
      constraintNotes: constraints.notes,
    };
  }

  /**
   * "Missions pour moi": ranks missions for one agent with the same scoring (each mission is
   * scored against the agent, with the statistics of the indexed profiles).
   */
  rankMissionsForAgent(agent: MatchAgent, missions: Iterable<MatchMission>, options: RankOptions = {}): MissionCandidate[] {
    const top = options.top ?? 20;
    if (agent.paused) return [];
    const document = analyzeAgent(this.referentiel, agent, true);
    const facts = agentConstraintFacts(agent);
    // Score every mission, then write the details and reasons of the ones returned only.
    const scored: { mission: MatchMission; prepared: PreparedQuery; pair: PairScore; score: number }[] = [];
    for (const mission of missions) {
      const prepared = this.prepareMission(mission);
      const pair = scorePair(this.referentiel, prepared, document, this);
      if (pair.relevance <= 0) continue;
      const { adjustment } = evaluateConstraints(missionConstraintFacts(mission), facts, false);
      scored.push({ mission, prepared, pair, score: round(calibratedScore(finalScore(pair.relevance, adjustment))) });
    }
    scored.sort((a, b) => b.score - a.score || a.mission.id.localeCompare(b.mission.id));
    return scored.slice(0, top).map(({ mission, prepared, pair, score }) => {
      const details = this.details(prepared, pair, document, agent, evaluateConstraints(missionConstraintFacts(mission), facts, true));
      return { missionId: mission.id, score, fit: fitLevel(score), explanation: buildExplanation(score, details), reasons: buildReasons(details), details };
    });
  }

}

/** Relative drift of the average field lengths that makes the length normalisation be recomputed. */
const AVERAGE_LENGTH_TOLERANCE = 0.005;

/**
 * Profiles kept analyzed for explanations (the candidates of recent rankings): ~9 KB each, so
 * 2,000 (the top 30 of ~65 missions) is ~18 MB where 20,000 reached ~180 MB.
 */
const EXPLAINED_KEPT = 2_000;

/** Mission analyses kept (missions published at once are far fewer). */
const MISSION_ANALYSES_KEPT = 20_000;

/** Profiles analyzed per batch during a bulk build. */
const BUILD_CHUNK = 1024;

/** A word is "rare" (worth naming in a reason) when its idf reaches this share of the highest possible. */
const RARE_TERM_IDF_SHARE = 0.5;

/** Largest upward constraint adjustment (see evaluateConstraints): lets hopeless profiles be skipped. */
const MAX_CONSTRAINT_BONUS = 0.03;

/** Whether two versions of a profile have the same analysed texts (skills and presentation). */
function sameTexts(a: MatchAgent, b: MatchAgent): boolean {
  if (a === b) return true;
  if ((a.bio ?? a.presentation ?? "") !== (b.bio ?? b.presentation ?? "") || a.skills.length !== b.skills.length) return false;
  return a.skills.every((skill, i) => {
    const other = b.skills[i]!;
    if (typeof skill === "string" || typeof other === "string") return skill === other;
    return skill.label === other.label && skill.level === other.level;
  });
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

const quote = (s: string) => `« ${s} »`;

const where = (skill: MatchedSkill) => (skill.inTags ? "dans ses compétences" : "dans sa présentation");
const cited = (words: string[]) => (words.length ? ` (${words.slice(0, 2).map(quote).join(", ")})` : "");

/** One strength per skill shown, in the words of the mission and of the profile. */
function skillReason(skill: MatchedSkill): MatchReason {
  const label = quote(skill.label);
  const concept = skill.concept;
  if (skill.via === "concept" && concept && concept.kind !== "exact") {
    const via = concept.viaConceptLabel ? quote(concept.viaConceptLabel) : "une compétence de la même famille";
    const relation = concept.kind === "family" ? "Compétence de la même famille que" : "Compétence proche de";
    return { kind: "force", text: `${relation} ${label} : ${via}${cited(concept.agentWords)}.` };
  }
  if (skill.alternative) return { kind: "force", text: `Outil que la mission accepte à la place de ${label} présent ${where(skill)}${cited(skill.agentWords)}.` };
  if (skill.inferred) return { kind: "force", text: `${label}, qu'appelle la description de la mission, figure ${where(skill)}${cited(skill.agentWords)}.` };
  return { kind: "force", text: `Compétence demandée ${label} présente ${where(skill)}${cited(skill.agentWords)}.` };
}

/** Evidence at or above which a skill counts as shown (in explanations). */
const SHOWN = 0.5;
/** Evidence under which a skill is not worth a reason, and an asked one is reported missing. */
const MENTIONED = 0.2;

/**
 * At most three reasons: the strongest skills shown, then one caution (place, availability, or a
 * skill asked of which the profile shows nothing), strengths first.
 */
export function buildReasons(details: MatchDetails): MatchReason[] {
  // Two skills carried by the very same words of the profile make one reason, not two.
  const forces: MatchReason[] = [];
  const carriedBy = new Set<string>();
  for (const skill of details.skills) {
    if (skill.evidence < MENTIONED || forces.length >= 3) continue;
    const key = skill.agentWords.join("|");
    if (key && carriedBy.has(key)) continue;
    carriedBy.add(key);
    forces.push(skillReason(skill));
  }
  const reserves = details.constraintNotes.filter((n) => n.kind === "reserve");
  const missing = details.skillsAsked.filter((label) => !details.skills.some((s) => s.label === label && s.evidence >= MENTIONED));
  if (missing.length) reserves.push({ kind: "reserve", text: `Rien dans le profil sur ${missing.slice(0, 2).map(quote).join(" ni ")}.` });
  const placeStrengths = details.constraintNotes.filter((n) => n.kind === "force");
  const reasons = [...forces.slice(0, reserves.length ? 2 : 3), ...reserves.slice(0, forces.length ? 1 : 3)];
  for (const note of placeStrengths) if (reasons.length < 3) reasons.push(note);
  return reasons.slice(0, 3);
}

/** One French sentence that explains a score: the level, and how many of the mission's skills the profile shows. */
export function buildExplanation(score: number, details: MatchDetails): string {
  const head = `${FIT_LABELS[fitLevel(score)]} (${Math.round(score * 100)} %)`;
  const asked = details.skillsAsked.length;
  const shown = details.skills.filter((s) => !s.inferred && s.evidence >= SHOWN);
  const near = details.skills.filter((s) => s.evidence > 0 && s.evidence < SHOWN);
  if (asked && shown.length) {
    const named = shown.slice(0, 2).map((s) => quote(s.label)).join(" et ");
    if (asked === 1) return `${head} : le profil montre la compétence demandée, ${named}.`;
    if (shown.length === asked) return `${head} : le profil montre les ${asked} compétences demandées, dont ${named}.`;
    return `${head} : le profil montre ${shown.length} des ${asked} compétences demandées, dont ${named}.`;
  }
  if (near.length) return `${head} : le profil montre des compétences voisines de ${near.slice(0, 2).map((s) => quote(s.label)).join(" et ")}, pas les compétences demandées elles-mêmes.`;
  return `${head} : le profil ne montre pas les compétences demandées.`;
}

/** Builds an engine and indexes the given profiles. */
export function createMatchingEngine(agents: Iterable<MatchAgent> = [], options: MatchingEngineOptions = {}): MatchingEngine {
  const engine = new MatchingEngine(options);
  engine.addAgents(agents);
  return engine;
}

/**
 * Worker thread of the parallel index build: analyzes batches of profiles with the référentiel it
 * was started with and sends back compact batches (their buffers transferred, not copied).
 */
import { parentPort, workerData } from "node:worker_threads";
import { analyzeBatch, type AnalysisInput, type AnalyzedBatch } from "./analyzed-batch";
import { buildReferentiel, getDefaultReferentiel, type SkillConcept, type SkillFamily } from "./referentiel";

export interface AnalysisWorkerData {
  /** The référentiel's source data; absent: the seed référentiel. */
  concepts?: SkillConcept[];
  families?: SkillFamily[];
}

export interface AnalysisRequest {
  id: number;
  profiles: AnalysisInput[];
}

/** `{ ready: true }` once started, then one analyzed batch per request. */
export type AnalysisReply = { ready: true } | { id: number; batch: AnalyzedBatch };

const data = (workerData ?? {}) as AnalysisWorkerData;
const referentiel = data.concepts ? buildReferentiel(data.concepts, data.families) : getDefaultReferentiel();

parentPort!.on("message", ({ id, profiles }: AnalysisRequest) => {
  const batch = analyzeBatch(referentiel, profiles);
  parentPort!.postMessage({ id, batch } satisfies AnalysisReply, [batch.data.buffer as ArrayBuffer]);
});
parentPort!.postMessage({ ready: true } satisfies AnalysisReply);

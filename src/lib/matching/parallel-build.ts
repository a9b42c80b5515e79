/**
 * Index build on worker threads. Analyzing profiles (French pipeline, concept detection) is most of
 * the cost of a build; worker threads do it in parallel while this thread only inserts the analyzed
 * batches, in input order: the engine is the same as a single-threaded build's, and the event loop
 * keeps serving between batches. Server-side only (node:worker_threads): not exported by ./index.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type AnalysisInput, type AnalyzedBatch } from "./analyzed-batch";
import type { AnalysisRequest, AnalysisWorkerData } from "./analysis-worker";
import { createMatchingEngine, MatchingEngine, type MatchingEngineOptions } from "./engine";
import { agentBio } from "./score";
import type { MatchAgent } from "./types";

export interface ParallelBuildOptions extends MatchingEngineOptions {
  /** Worker threads (default: one per core, at most 4). 0 builds on this thread. */
  threads?: number;
  /** Below this many profiles, starting workers costs more than it saves (default 20,000). */
  minProfilesForWorkers?: number;
  /** Called when the workers could not be used and the build ran on this thread instead. */
  onFallback?: (error: unknown) => void;
}

/** Profiles per message to a worker: large enough to amortise messaging, small enough to overlap. */
const BATCH_SIZE = 2000;

export async function buildMatchingEngine(agents: readonly MatchAgent[], options: ParallelBuildOptions = {}): Promise<MatchingEngine> {
  const threads = options.threads ?? Math.min(4, availableParallelism());
  if (threads < 1 || agents.length < (options.minProfilesForWorkers ?? 20_000)) return createMatchingEngine(agents, options);
  try {
    return await buildOnWorkers(agents, threads, options);
  } catch (error) {
    options.onFallback?.(error);
    return createMatchingEngine(agents, options);
  }
}

function buildOnWorkers(agents: readonly MatchAgent[], threads: number, options: MatchingEngineOptions): Promise<MatchingEngine> {
  const engine = new MatchingEngine(options);
  const { concepts, families } = engine.referentiel;
  const batchCount = Math.ceil(agents.length / BATCH_SIZE);
  const workers = Array.from({ length: Math.min(threads, batchCount) }, () => startAnalysisWorker({ concepts, families }));
  const received = new Map<number, AnalyzedBatch>();
  let nextToSend = 0;
  let nextToInsert = 0;
  let settled = false;

  return new Promise<MatchingEngine>((resolve, reject) => {
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error === undefined) {
        engine.trim();
        resolve(engine);
      } else reject(error instanceof Error ? error : new Error(String(error)));
    };
    const send = (worker: Worker) => {
      if (nextToSend >= batchCount) return;
      const id = nextToSend++;
      const profiles: AnalysisInput[] = agents.slice(id * BATCH_SIZE, (id + 1) * BATCH_SIZE).map((agent) => ({ skills: agent.skills, bio: agentBio(agent) }));
      worker.postMessage({ id, profiles } satisfies AnalysisRequest);
    };
    for (const worker of workers) {
      worker.on("message", ({ id, batch }: { id: number; batch: AnalyzedBatch }) => {
        if (settled) return;
        send(worker);
        received.set(id, batch);
        // Insert in input order, so that the engine is the one a single-threaded build gives.
        try {
          for (let ready = received.get(nextToInsert); ready; ready = received.get(nextToInsert)) {
            received.delete(nextToInsert);
            engine.insertBatch(agents.slice(nextToInsert * BATCH_SIZE, (nextToInsert + 1) * BATCH_SIZE), ready);
            nextToInsert++;
          }
        } catch (error) {
          finish(error);
          return;
        }
        if (nextToInsert === batchCount) finish();
      });
      worker.on("error", finish);
      worker.on("exit", (code) => finish(new Error(`analysis worker stopped (exit code ${code})`)));
      // Two batches in flight per worker: it never waits for this thread between batches.
      send(worker);
      send(worker);
    }
  });
}

function startAnalysisWorker(workerData: AnalysisWorkerData): Worker {
  // webpack replaces import.meta.webpack by its major version; elsewhere it is undefined.
  if ((import.meta as ImportMeta & { webpack?: number }).webpack === undefined) {
    // Running from the TypeScript sources (tsx, Vitest): the worker loads them through tsx.
    const entry = import.meta.url.replace(/[^/]+\.ts$/, "analysis-worker.ts");
    const bootstrap = `import("tsx/esm/api").then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
    return new Worker(bootstrap, { eval: true, workerData });
  }
  // Bundled (Next.js): webpack turns this into a worker chunk.
  return new Worker(new URL("./analysis-worker.ts", import.meta.url), { workerData });
}

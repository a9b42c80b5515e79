/**
 * Index build on worker threads. Analyzing profiles (French pipeline, concept detection) is most of
 * the cost of a build; worker threads do it in parallel while this thread inserts the analyzed
 * batches in input order, and analyzes batches itself while waiting: the engine is the same as a
 * single-threaded build's, and the event loop keeps serving between batches. Server-side only
 * (node:worker_threads): not exported by ./index.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { analyzeBatch, type AnalysisInput, type AnalyzedBatch } from "./analyzed-batch";
import type { AnalysisReply, AnalysisRequest, AnalysisWorkerData } from "./analysis-worker";
import { createMatchingEngine, MatchingEngine, type MatchingEngineOptions } from "./engine";
import { agentBio } from "./score";
import type { MatchAgent } from "./types";

export interface ParallelBuildOptions extends MatchingEngineOptions {
  /** Worker threads beside this one, which takes part (default: one per other core, at most 3). 0 builds on this thread. */
  threads?: number;
  /** Below this many profiles, starting workers costs more than it saves (default 20,000). */
  minProfilesForWorkers?: number;
  /** Called when the workers could not be used and the build ran on this thread instead. */
  onFallback?: (error: unknown) => void;
  /** Called after a build on workers: how the work was shared. */
  onBuilt?: (report: WorkerBuildReport) => void;
}

export interface WorkerBuildReport {
  /** Workers that started (each loaded the engine and the référentiel). */
  workersStarted: number;
  batches: number;
  /** Batches analyzed by the workers; the others, by the calling thread. */
  batchesOnWorkers: number;
}

/**
 * Profiles per batch: large enough to amortise messaging, small enough that this thread, when it
 * analyzes one itself, gives the event loop back within a few tens of milliseconds.
 */
const BATCH_SIZE = 1000;

export async function buildMatchingEngine(agents: readonly MatchAgent[], options: ParallelBuildOptions = {}): Promise<MatchingEngine> {
  const threads = options.threads ?? Math.min(3, availableParallelism() - 1);
  if (threads < 1 || agents.length < (options.minProfilesForWorkers ?? 20_000)) return createMatchingEngine(agents, options);
  try {
    const { engine, report } = await buildOnWorkers(agents, threads, options);
    options.onBuilt?.(report);
    return engine;
  } catch (error) {
    options.onFallback?.(error);
    return createMatchingEngine(agents, options);
  }
}

async function buildOnWorkers(
  agents: readonly MatchAgent[],
  threads: number,
  options: MatchingEngineOptions,
): Promise<{ engine: MatchingEngine; report: WorkerBuildReport }> {
  const engine = new MatchingEngine(options);
  const { concepts, families } = engine.referentiel;
  const batchCount = Math.ceil(agents.length / BATCH_SIZE);
  const batchOf = (id: number) => agents.slice(id * BATCH_SIZE, (id + 1) * BATCH_SIZE);
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < Math.min(threads, batchCount); i++) workers.push(startAnalysisWorker({ concepts, families }));
  } catch (error) {
    // The workers already started would keep the process alive.
    for (const worker of workers) void worker.terminate();
    throw error;
  }
  const received = new Map<number, AnalyzedBatch>();
  let nextToSend = 0;
  let nextToInsert = 0;
  let workersStarted = 0;
  let batchesOnWorkers = 0;
  let done = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const send = (worker: Worker) => {
    if (nextToSend >= batchCount) return;
    const id = nextToSend++;
    const profiles: AnalysisInput[] = batchOf(id).map((agent) => ({ skills: agent.skills, bio: agentBio(agent) }));
    worker.postMessage({ id, profiles } satisfies AnalysisRequest);
  };
  for (const worker of workers) {
    worker.on("message", (message: AnalysisReply) => {
      if ("batch" in message) {
        received.set(message.id, message.batch);
        batchesOnWorkers++;
      } else {
        workersStarted++;
        send(worker); // Started: two batches in flight, so that it never waits for this thread.
      }
      send(worker);
      notify();
    });
    worker.on("error", (error) => {
      failure ??= error;
      notify();
    });
    worker.on("exit", (code) => {
      if (!done) failure ??= new Error(`analysis worker stopped (exit code ${code})`);
      notify();
    });
  }
  try {
    // This thread inserts the batches in input order (the engine is the one a single-threaded
    // build gives). While the next one is not ready, it analyzes the next batch no worker has
    // (until the workers have started, that is the one to insert next), one batch at a time
    // between turns of the event loop.
    // A worker that cannot start must show, even when this thread did all the work: wait for each
    // to be ready (at this size, long before the last batch).
    while (nextToInsert < batchCount || workersStarted < workers.length) {
      if (failure) throw failure;
      const ready = received.get(nextToInsert);
      if (ready) {
        received.delete(nextToInsert);
        engine.insertBatch(batchOf(nextToInsert), ready);
        nextToInsert++;
      } else if (nextToInsert < batchCount && nextToSend < batchCount) {
        const id = nextToSend++;
        received.set(id, analyzeBatch(engine.referentiel, batchOf(id)));
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    done = true;
    for (const worker of workers) void worker.terminate();
  }
  engine.trim();
  return { engine, report: { workersStarted, batches: batchCount, batchesOnWorkers } };
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

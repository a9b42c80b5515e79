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
import { MatchingEngine, type MatchingEngineOptions } from "./engine";
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
export const BUILD_BATCH_SIZE = 1000;

/**
 * Profiles read batch by batch (from the database, a page at a time), so that a build never holds
 * every profile at once: at 100,000 profiles, reading them all first made V8 grow its heap by
 * ~100 MB that it kept, fragmented, after the build. `open` may be called again (a fallback
 * build on this thread starts over); a profile may come twice, the later one replacing the first.
 */
export interface ProfileBatches {
  /** How many profiles the source holds, about: whether workers are worth starting. */
  total: number;
  open(): AsyncIterable<readonly MatchAgent[]>;
}

/** An array, as a source of batches of BUILD_BATCH_SIZE. */
export function batchesOf(agents: readonly MatchAgent[]): ProfileBatches {
  return {
    total: agents.length,
    async *open() {
      for (let i = 0; i < agents.length; i += BUILD_BATCH_SIZE) yield agents.slice(i, i + BUILD_BATCH_SIZE);
    },
  };
}

export async function buildMatchingEngine(agents: readonly MatchAgent[] | ProfileBatches, options: ParallelBuildOptions = {}): Promise<MatchingEngine> {
  const source = isBatchSource(agents) ? agents : batchesOf(agents);
  const threads = options.threads ?? Math.min(3, availableParallelism() - 1);
  if (threads < 1 || source.total < (options.minProfilesForWorkers ?? 20_000)) return buildOnThisThread(source, options);
  try {
    const { engine, report } = await buildOnWorkers(source, threads, options);
    options.onBuilt?.(report);
    return engine;
  } catch (error) {
    options.onFallback?.(error);
    return buildOnThisThread(source, options);
  }
}

function isBatchSource(agents: readonly MatchAgent[] | ProfileBatches): agents is ProfileBatches {
  return !Array.isArray(agents);
}

/** The same engine as `createMatchingEngine`, batch by batch, giving the event loop back between batches. */
async function buildOnThisThread(source: ProfileBatches, options: MatchingEngineOptions): Promise<MatchingEngine> {
  const engine = new MatchingEngine(options);
  for await (const batch of source.open()) {
    engine.insertBatch(batch, analyzeBatch(engine.referentiel, batch));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  engine.trim();
  return engine;
}

async function buildOnWorkers(
  source: ProfileBatches,
  threads: number,
  options: MatchingEngineOptions,
): Promise<{ engine: MatchingEngine; report: WorkerBuildReport }> {
  const engine = new MatchingEngine(options);
  const { concepts, families } = engine.referentiel;
  const reader = source.open()[Symbol.asyncIterator]();
  // Batches read and not inserted yet, by position; at most readAhead of them at a time.
  const batches = new Map<number, readonly MatchAgent[]>();
  const readAhead = 2 * threads + 2;
  let read = 0;
  let exhausted = false;
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < threads; i++) workers.push(startAnalysisWorker({ concepts, families }));
  } catch (error) {
    // The workers already started would keep the process alive.
    for (const worker of workers) void worker.terminate();
    throw error;
  }
  const received = new Map<number, AnalyzedBatch>();
  // Workers ready for a batch that is not read yet (one entry per free slot: a worker has two).
  const waiting: Worker[] = [];
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
    if (nextToSend >= read) {
      waiting.push(worker);
      return;
    }
    const id = nextToSend++;
    const profiles: AnalysisInput[] = batches.get(id)!.map((agent) => ({ skills: agent.skills, bio: agentBio(agent) }));
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
    // This thread reads the batches ahead, inserts them in input order (the engine is the one a
    // single-threaded build gives) and, while the next one is not ready, analyzes the next batch
    // no worker has (until the workers have started, that is the one to insert next), one batch
    // at a time between turns of the event loop.
    // A worker that cannot start must show, even when this thread did all the work: wait for each
    // to be ready (at this size, long before the last batch).
    while (!exhausted || nextToInsert < read || workersStarted < workers.length) {
      if (failure) throw failure;
      const ready = received.get(nextToInsert);
      if (ready) {
        received.delete(nextToInsert);
        engine.insertBatch(batches.get(nextToInsert)!, ready);
        batches.delete(nextToInsert);
        nextToInsert++;
      } else if (!exhausted && read - nextToInsert < readAhead) {
        const next = await reader.next();
        if (next.done) exhausted = true;
        else {
          batches.set(read++, next.value);
          while (waiting.length && nextToSend < read) send(waiting.shift()!);
        }
      } else if (nextToSend < read) {
        const id = nextToSend++;
        received.set(id, analyzeBatch(engine.referentiel, batches.get(id)!));
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    done = true;
    for (const worker of workers) void worker.terminate();
    if (!exhausted) await reader.return?.();
  }
  engine.trim();
  return { engine, report: { workersStarted, batches: read, batchesOnWorkers } };
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

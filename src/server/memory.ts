import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * A full garbage collection, now. Used once after a bulk job whose garbage is large (building the
 * matching index reads and analyzes every profile: ~180 MB of garbage at 100,000 profiles): V8
 * would keep it until its next major collection, which an idle server may not run for a long
 * time, and the process would stay that much larger. Costs one pause of a few hundred ms, at a
 * moment when the process is building anyway. Returns false where `gc` cannot be exposed.
 */
let collect: (() => void) | null | undefined;

export function collectGarbage(): boolean {
  if (collect === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      collect = runInNewContext("gc") as () => void;
    } catch {
      collect = null;
    }
  }
  if (!collect) return false;
  collect();
  return true;
}

/** The process's memory in MB, for logs. */
export function memoryFigures(): { rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number; arrayBuffersMb: number } {
  const usage = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  return { rssMb: mb(usage.rss), heapUsedMb: mb(usage.heapUsed), heapTotalMb: mb(usage.heapTotal), externalMb: mb(usage.external), arrayBuffersMb: mb(usage.arrayBuffers) };
}

/** Heap in use after the last collection this module ran (live data, then). */
let heapAfterCollection = 0;

/**
 * When the server goes quiet: a full collection if the heap grew by `thresholdMb` since the last
 * one. V8 in Node gets no idle-time notification (a browser's memory reducer runs on them), so
 * after a busy period an idle server kept the heap the load had grown, garbage included, and its
 * pages. A collection with nobody waiting costs nothing a user sees; the threshold keeps a load
 * balancer's health checks from causing one at each quiet spell. Returns the memory before and
 * after, or null when nothing was collected.
 */
export function collectWhenIdle(thresholdMb = 16): { before: ReturnType<typeof memoryFigures>; after: ReturnType<typeof memoryFigures> } | null {
  if (process.memoryUsage().heapUsed - heapAfterCollection < thresholdMb * 2 ** 20) return null;
  const before = memoryFigures();
  if (!collectGarbage()) return null;
  heapAfterCollection = process.memoryUsage().heapUsed;
  return { before, after: memoryFigures() };
}

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * A full garbage collection, now. Used once after a bulk job whose garbage is large (building the
 * matching index reads and analyzes every profile: ~180 MB of garbage at 100,000 profiles): V8
 * would keep it until its next major collection, which an idle server may not run for a long
 * time, and the process would stay that much larger. Costs one pause of a few hundred ms, at a
 * moment when the process is building anyway. Returns false where `gc` cannot be exposed.
 */
let collect: ((options?: { type: "major"; execution: "sync"; flavor?: "last-resort" }) => void) | null | undefined;

/**
 * `giveBack`: V8's memory-reducing collection (the « last resort » flavor: several passes, then
 * the pooled pages returned to the system), for a server gone quiet; the plain one otherwise.
 */
export function collectGarbage(giveBack = false): boolean {
  if (collect === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      collect = runInNewContext("gc") as typeof collect;
    } catch {
      collect = null;
    }
  }
  if (!collect) return false;
  if (giveBack) collect({ type: "major", execution: "sync", flavor: "last-resort" });
  else collect();
  return true;
}

/** The process's memory in MB, for logs. */
export function memoryFigures(): { rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number; arrayBuffersMb: number } {
  const usage = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  return { rssMb: mb(usage.rss), heapUsedMb: mb(usage.heapUsed), heapTotalMb: mb(usage.heapTotal), externalMb: mb(usage.external), arrayBuffersMb: mb(usage.arrayBuffers) };
}

/**
 * For a server gone quiet after a busy period: V8's memory-reducing collection, which returns the
 * memory the load grew. V8 in Node gets no idle-time notification (a browser's memory reducer runs
 * on them), so an idle server kept the heap the load had grown, garbage included, and its pages.
 * Returns the memory before and after, or null where `gc` cannot be exposed.
 */
export function giveMemoryBack(): { before: ReturnType<typeof memoryFigures>; after: ReturnType<typeof memoryFigures> } | null {
  const before = memoryFigures();
  if (!collectGarbage(true)) return null;
  return { before, after: memoryFigures() };
}

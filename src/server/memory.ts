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

/**
 * What an instance must finish or close when it stops, in order: registered by the code that
 * started it (the Next.js bundle: mail worker, database), run by the HTTP server once in-flight
 * requests are done. Kept on globalThis: the server and the bundle hold two copies of this module.
 */
export interface ShutdownHook {
  name: string;
  /** Lower runs first: the workers that use the database stop before it closes. */
  order: number;
  run(): Promise<void>;
}

const state = globalThis as typeof globalThis & { __pvtShutdownHooks?: Map<string, ShutdownHook>; __pvtStopping?: boolean };

export function onShutdown(hook: ShutdownHook) {
  (state.__pvtShutdownHooks ??= new Map()).set(hook.name, hook);
}

/** True once the instance was asked to stop: readiness answers 503 from then on. */
export function isStopping(): boolean {
  return state.__pvtStopping === true;
}

export function markStopping() {
  state.__pvtStopping = true;
}

/** Runs the registered hooks in order; each failure is reported and the others still run. */
export async function runShutdownHooks(report: (name: string, error: unknown) => void = () => {}) {
  const hooks = [...(state.__pvtShutdownHooks?.values() ?? [])].sort((a, b) => a.order - b.order);
  for (const hook of hooks) {
    try {
      await hook.run();
    } catch (error) {
      report(hook.name, error);
    }
  }
  state.__pvtShutdownHooks?.clear();
}

import { sql } from "drizzle-orm";
import { rowsOf, type DatabaseHandle } from "@/server/db/client";
import { migrationStatus } from "@/server/db/migrate";
import { errorClass } from "./logger";

export interface ReadinessInput {
  handle: DatabaseHandle;
  /** This instance's matching index is built. */
  matchingIndexReady: boolean;
  /** The instance is draining after SIGTERM. */
  stopping: boolean;
  /** This instance's mail worker: when it last finished a pass; null when it runs none. */
  mailWorker: { lastPassAt: Date; intervalMs: number } | null;
  now?: Date;
}

export interface Readiness {
  ready: boolean;
  status: "pret" | "pas_pret" | "arret_en_cours";
  checks: {
    database: { ok: boolean; ms?: number; errorClass?: string };
    migrations: { ok: boolean; applied?: number; known?: number };
    matchingIndex: { ok: boolean };
    outbox: { ok: boolean; pending?: number; oldestDueSeconds?: number; workerIdleSeconds?: number };
  };
}

/** A worker that has not finished a pass for this long is stuck (a pass takes seconds). */
export function workerStuckAfterMs(intervalMs: number): number {
  return Math.max(10 * 60_000, 20 * intervalMs);
}

/**
 * Is this instance fit to receive traffic? Counts and durations only, never a row's content.
 * Cheap: `select 1`, the migrations record and one aggregate on the outbox's due index.
 */
export async function checkReadiness(input: ReadinessInput): Promise<Readiness> {
  const now = input.now ?? new Date();
  const checks: Readiness["checks"] = {
    database: { ok: false },
    migrations: { ok: false },
    matchingIndex: { ok: input.matchingIndexReady },
    outbox: { ok: false },
  };
  const started = performance.now();
  try {
    await withTimeout(input.handle.db.execute(sql`select 1`), 2000);
    checks.database = { ok: true, ms: Math.round(performance.now() - started) };
    const migrations = await migrationStatus(input.handle);
    checks.migrations = { ok: migrations.upToDate, applied: migrations.applied, known: migrations.known };
    const [outbox] = rowsOf<{ pending: number; oldestDue: string | null }>(
      await input.handle.db.execute(sql`
        select count(*)::int as "pending",
               extract(epoch from (${now.toISOString()}::timestamptz - min(next_attempt_at)))::text as "oldestDue"
        from email_outbox where status = 'en_attente'`),
    );
    const oldestDueSeconds = Math.max(0, Math.round(Number(outbox?.oldestDue ?? 0)));
    const workerIdleMs = input.mailWorker ? now.getTime() - input.mailWorker.lastPassAt.getTime() : 0;
    checks.outbox = {
      // Stuck means this instance's worker stopped passing (a restart helps); a deep outbox alone
      // (SMTP down, backing off) is reported, not a reason to take the instance out.
      ok: !input.mailWorker || workerIdleMs <= workerStuckAfterMs(input.mailWorker.intervalMs),
      pending: outbox?.pending ?? 0,
      oldestDueSeconds,
      ...(input.mailWorker ? { workerIdleSeconds: Math.round(workerIdleMs / 1000) } : {}),
    };
  } catch (error) {
    if (!checks.database.ok) checks.database = { ok: false, errorClass: errorClass(error) };
  }
  const allOk = Object.values(checks).every((check) => check.ok);
  const ready = allOk && !input.stopping;
  return { ready, status: input.stopping ? "arret_en_cours" : ready ? "pret" : "pas_pret", checks };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error("délai dépassé"), { name: "TimeoutError" })), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

import "server-only";
import { asc, count, eq, gte, inArray, isNotNull, max, sql } from "drizzle-orm";
import { FAMILLES, type MatchAgent, type MatchingEngine } from "@/lib/matching";
import { BUILD_BATCH_SIZE, buildMatchingEngine, type ProfileBatches } from "@/lib/matching/parallel-build";
import { loadReferentielConcepts, referentielSignature } from "@/features/referentiel/service";
import { assertRole, type CurrentUser } from "@/server/auth/roles";
import type { Executor } from "@/server/db/client";
import { serverEnv } from "@/server/env";
import { errorFields, logger } from "@/server/observability/logger";
import { administrations, agentProfiles, users } from "@/server/db/schema";
import { intern, internSkill } from "./interning";
import { collectGarbage, memoryFigures } from "@/server/memory";

/**
 * One in-memory engine per Next.js process, fed from Postgres (the store of record).
 * Before each use it catches up with profiles changed since its watermark, so a change made
 * through any instance reaches every instance without a rebuild. A deleted account
 * (users.deleted_at) leaves the index at the same sync; a référentiel edit, or a profile count
 * that still differs, triggers a full rebuild.
 */
/**
 * The last profile read, as a keyset position: profiles come in `(updated_at, user_id)` order and
 * the next catch-up reads strictly after it, so profiles sharing the last timestamp are not read
 * again on every sync. `at` is Postgres's own text of the timestamp (microseconds, which a JS Date
 * would truncate), as fixed-width UTC text.
 */
interface Watermark {
  at: string;
  userId: string;
}

interface EngineState {
  engine: MatchingEngine;
  profilesWatermark: Watermark | null;
  /** Latest account deletion seen: deletions since then are removed from the index at the next sync. */
  deletionsWatermark: Date | null;
  referentielSignature: string;
  lastBuild: EngineBuild;
}

/** How this process last built its index (for DINUM and the logs). */
export interface EngineBuild {
  at: Date;
  profiles: number;
  milliseconds: number;
  /** Worker threads that took part (0: built on the main thread). */
  workersStarted: number;
  batches: number;
  batchesOnWorkers: number;
  /** Why the worker threads could not be used, when they could not. */
  fallback?: string;
}

const store = globalThis as typeof globalThis & {
  __pvtMatchingEngine?: EngineState;
  __pvtMatchingQueue?: Promise<unknown>;
  /** The sync queued behind the running one, not started yet: later callers join it. */
  __pvtMatchingWaiting?: { executor: Executor; run: Promise<MatchingEngine> };
  __pvtMatchingWarming?: Promise<unknown>;
};

/** A timestamp as fixed-width UTC text to the microsecond: sorts as the timestamps do, and casts back exactly. */
function utcText(column: typeof agentProfiles.updatedAt) {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

const profileColumns = {
  userId: agentProfiles.userId,
  administration: administrations.name,
  skills: agentProfiles.skills,
  presentation: agentProfiles.presentation,
  hoursPerMonth: agentProfiles.hoursPerMonth,
  workMode: agentProfiles.workMode,
  places: agentProfiles.places,
  visibility: agentProfiles.visibility,
  updatedAtText: utcText(agentProfiles.updatedAt),
};

type ProfileRow = {
  userId: string;
  administration: string | null;
  skills: { label: string; level: "notions" | "autonome" | "expert" }[];
  presentation: string;
  hoursPerMonth: number;
  workMode: string;
  places: string[];
  visibility: string;
  updatedAtText: string;
};

export function toMatchAgent(row: Omit<ProfileRow, "updatedAtText">): MatchAgent {
  return {
    id: row.userId,
    administration: row.administration === null ? undefined : intern(row.administration),
    skills: row.skills.map((skill) => internSkill(skill.label, skill.level)),
    presentation: row.presentation,
    hoursPerMonth: row.hoursPerMonth,
    remote: row.workMode !== "sur_site",
    locations: row.places.map(intern),
    paused: row.visibility === "en_pause",
  };
}

export { toMatchMission } from "./match-inputs";

function selectProfiles(executor: Executor) {
  return executor
    .select(profileColumns)
    .from(agentProfiles)
    .innerJoin(users, eq(users.id, agentProfiles.userId))
    .leftJoin(administrations, eq(administrations.id, users.administrationId));
}

/**
 * The profiles of the given agents, as the engine reads them (for the explanations of a
 * shortlist: the index itself keeps no presentation). Absent or deleted profiles are left out.
 */
export async function loadMatchAgents(executor: Executor, agentIds: readonly string[]): Promise<MatchAgent[]> {
  if (!agentIds.length) return [];
  const rows = await selectProfiles(executor).where(inArray(agentProfiles.userId, [...agentIds]));
  return rows.map(toMatchAgent);
}

/** A deletion that commits late still carries its earlier timestamp: each sync looks this far back. */
const DELETIONS_LOOKBACK_MS = 10 * 60_000;

async function latestDeletion(executor: Executor): Promise<Date | null> {
  const [row] = await executor.select({ at: max(users.deletedAt) }).from(users);
  return row?.at ?? null;
}

/** Profiles read per page by a rebuild: one batch of the build. */
const REBUILD_PAGE_SIZE = BUILD_BATCH_SIZE;

/** Profiles changed after a keyset position, in `(updated_at, user_id)` order. */
function profilesAfter(executor: Executor, after: Watermark | null) {
  return selectProfiles(executor)
    .where(after ? sql`(${agentProfiles.updatedAt}, ${agentProfiles.userId}) > (${after.at}::timestamptz, ${after.userId}::uuid)` : undefined)
    .orderBy(asc(agentProfiles.updatedAt), asc(agentProfiles.userId));
}

async function rebuild(executor: Executor, signature: string): Promise<EngineState> {
  // Read before the profiles: a deletion committed meanwhile is seen again at the next sync.
  const deletionsWatermark = await latestDeletion(executor);
  const [concepts, [total]] = await Promise.all([loadReferentielConcepts(executor), executor.select({ n: count() }).from(agentProfiles)]);
  // The profiles are read a page at a time, in the catch-up's keyset order, while the previous
  // pages are analyzed: the build never holds them all. A profile changed during the build moves
  // past the position read so far: a later page or the next catch-up reads it again.
  let profilesWatermark: Watermark | null = null;
  const source: ProfileBatches = {
    total: total?.n ?? 0,
    async *open() {
      profilesWatermark = null;
      for (;;) {
        const rows = await profilesAfter(executor, profilesWatermark).limit(REBUILD_PAGE_SIZE);
        const last = rows.at(-1);
        if (!last) return;
        profilesWatermark = { at: last.updatedAtText, userId: last.userId };
        yield rows.map(toMatchAgent);
        if (rows.length < REBUILD_PAGE_SIZE) return;
      }
    },
  };
  // Large collections are analyzed on worker threads: the event loop keeps serving meanwhile.
  const started = performance.now();
  const build: Omit<EngineBuild, "milliseconds"> = { at: new Date(), profiles: 0, workersStarted: 0, batches: 0, batchesOnWorkers: 0 };
  const engine = await buildMatchingEngine(source, {
    ...(concepts.length ? { concepts, families: FAMILLES } : {}),
    // Presentations are most of a profile's memory: the few explained are read back from the database.
    keepProfiles: false,
    minProfilesForWorkers: serverEnv().MATCHING_WORKER_MIN_PROFILES,
    onBuilt: (report) => Object.assign(build, report),
    onFallback: (error) => {
      build.fallback = error instanceof Error ? error.message : String(error);
      logger().warn({ event: "matching.workers_unavailable", ...errorFields(error) }, "threads de travail indisponibles, index construit sur le thread principal");
    },
  });
  const lastBuild: EngineBuild = { ...build, profiles: engine.size, milliseconds: Math.round(performance.now() - started) };
  logger().info(
    {
      event: "matching.index_built",
      profiles: lastBuild.profiles,
      durationMs: lastBuild.milliseconds,
      workersStarted: lastBuild.workersStarted,
      batches: lastBuild.batches,
      batchesOnWorkers: lastBuild.batchesOnWorkers,
    },
    "index d'appariement construit",
  );
  return { engine, profilesWatermark, deletionsWatermark, referentielSignature: signature, lastBuild };
}

/**
 * Once a build is in place (its rows and analyses no longer referenced), its garbage is collected
 * at once instead of whenever V8 would, and the memory the index leaves is logged.
 */
const GC_AFTER_BUILD_FROM_PROFILES = 10_000;

function afterBuild(state: EngineState) {
  store.__pvtMatchingEngine = state;
  setImmediate(() => {
    // Small builds leave little garbage: V8's own collections are enough.
    const collected = state.engine.size >= GC_AFTER_BUILD_FROM_PROFILES && collectGarbage();
    logger().info({ event: "matching.memory", collected, profiles: state.engine.size, indexMb: Math.round(state.engine.memoryBytes() / 2 ** 20), ...memoryFigures() }, "mémoire après la construction de l'index");
  });
}

async function synchronise(executor: Executor): Promise<MatchingEngine> {
  const signature = await referentielSignature(executor);
  let state = store.__pvtMatchingEngine;
  if (!state || state.referentielSignature !== signature) {
    state = await rebuild(executor, signature);
    afterBuild(state);
  } else {
    const after = state.profilesWatermark;
    const changed = await profilesAfter(executor, after);
    for (const row of changed) state.engine.upsertAgent(toMatchAgent(row));
    const last = changed.at(-1);
    if (last) state.profilesWatermark = { at: last.updatedAtText, userId: last.userId };
    // Deleted accounts leave the index within this sync, even when new profiles keep the count equal.
    const since = state.deletionsWatermark ? new Date(state.deletionsWatermark.getTime() - DELETIONS_LOOKBACK_MS) : null;
    const deleted = await executor
      .select({ id: users.id, deletedAt: users.deletedAt })
      .from(users)
      .where(since ? gte(users.deletedAt, since) : isNotNull(users.deletedAt));
    for (const row of deleted) {
      if (state.engine.has(row.id)) state.engine.removeAgent(row.id);
      if (row.deletedAt && (!state.deletionsWatermark || row.deletedAt > state.deletionsWatermark)) state.deletionsWatermark = row.deletedAt;
    }
    const [total] = await executor.select({ n: count() }).from(agentProfiles);
    if ((total?.n ?? 0) !== state.engine.size) {
      state = await rebuild(executor, signature);
      afterBuild(state);
    }
  }
  store.__pvtMatchingEngine = state;
  return state.engine;
}

/**
 * Runs `work` now when the index is built (ranking takes milliseconds), else once the background
 * build is done, without making the caller wait for it.
 */
export async function whenMatchingIndexBuilt(executor: Executor, work: () => Promise<unknown>): Promise<"now" | "later"> {
  if (store.__pvtMatchingEngine) {
    await work();
    return "now";
  }
  warmMatchingIndex(executor);
  void (store.__pvtMatchingWarming ?? Promise.resolve())
    .then(() => work())
    .catch((error: unknown) => logger().warn({ event: "matching.deferred_work_failed", ...errorFields(error) }, "classement différé en échec"));
  return "later";
}

/**
 * The process's engine, up to date with the database. Calls are serialised within the process;
 * a call made while a sync waits its turn (not started yet) joins it: that sync starts after the
 * call, so it sees everything committed before it, and 50 concurrent requests cost two syncs, not 50.
 */
export function matchingEngine(executor: Executor): Promise<MatchingEngine> {
  const waiting = store.__pvtMatchingWaiting;
  if (waiting && waiting.executor === executor) return waiting.run;
  const entry = { executor } as { executor: Executor; run: Promise<MatchingEngine> };
  entry.run = (store.__pvtMatchingQueue ?? Promise.resolve())
    .catch(() => {})
    .then(() => {
      if (store.__pvtMatchingWaiting === entry) store.__pvtMatchingWaiting = undefined;
      return synchronise(executor);
    });
  store.__pvtMatchingWaiting = entry;
  store.__pvtMatchingQueue = entry.run;
  return entry.run;
}

/** Whether this process's index is built (readiness), and whether a build is under way. */
export function matchingIndexStatus(): { ready: boolean; building: boolean } {
  return { ready: Boolean(store.__pvtMatchingEngine), building: Boolean(store.__pvtMatchingWarming) };
}

/**
 * Builds the index in the background at server start, so that no request pays for it. A failure
 * is logged; the next ranking tries again.
 */
export function warmMatchingIndex(executor: Executor) {
  if (store.__pvtMatchingEngine || store.__pvtMatchingWarming) return;
  store.__pvtMatchingWarming = matchingEngine(executor)
    .catch((error: unknown) => logger().error({ event: "matching.index_failed", ...errorFields(error) }, "index d'appariement non construit"))
    .finally(() => {
      store.__pvtMatchingWarming = undefined;
    });
}

/** How this process last built its index; null before the first ranking. DINUM only. */
export function matchingEngineBuild(actor: CurrentUser): EngineBuild | null {
  assertRole(actor, "dinum");
  return store.__pvtMatchingEngine?.lastBuild ?? null;
}

/** Forgets the engine (tests switch databases). */
export function resetMatchingEngine() {
  store.__pvtMatchingEngine = undefined;
  store.__pvtMatchingQueue = undefined;
  store.__pvtMatchingWaiting = undefined;
}

import "server-only";
import { count, eq, gte } from "drizzle-orm";
import { FAMILLES, type MatchAgent, type MatchingEngine, type MatchMission } from "@/lib/matching";
import { buildMatchingEngine } from "@/lib/matching/parallel-build";
import { loadReferentielConcepts, referentielSignature } from "@/features/referentiel/service";
import { assertRole, type CurrentUser } from "@/server/auth/roles";
import type { Executor } from "@/server/db/client";
import { serverEnv } from "@/server/env";
import { DomainError } from "@/server/errors";
import { errorFields, logger } from "@/server/observability/logger";
import { administrations, agentProfiles, users } from "@/server/db/schema";

/**
 * One in-memory engine per Next.js process, fed from Postgres (the store of record).
 * Before each use it catches up with profiles changed since its watermark, so a change made
 * through any instance reaches every instance without a rebuild; a référentiel edit or a
 * deleted profile triggers a full rebuild.
 */
interface EngineState {
  engine: MatchingEngine;
  profilesWatermark: Date | null;
  profileCount: number;
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
  __pvtMatchingWarming?: Promise<unknown>;
};

const profileColumns = {
  userId: agentProfiles.userId,
  administration: administrations.name,
  skills: agentProfiles.skills,
  presentation: agentProfiles.presentation,
  hoursPerMonth: agentProfiles.hoursPerMonth,
  workMode: agentProfiles.workMode,
  places: agentProfiles.places,
  visibility: agentProfiles.visibility,
  updatedAt: agentProfiles.updatedAt,
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
  updatedAt: Date;
};

export function toMatchAgent(row: Omit<ProfileRow, "updatedAt">): MatchAgent {
  return {
    id: row.userId,
    administration: row.administration ?? undefined,
    skills: row.skills.map((skill) => ({ label: skill.label, level: skill.level })),
    presentation: row.presentation,
    hoursPerMonth: row.hoursPerMonth,
    remote: row.workMode !== "sur_site",
    locations: row.places,
    paused: row.visibility === "en_pause",
  };
}

export function toMatchMission(mission: {
  id: string;
  administration: string | null;
  title: string;
  context: string;
  description: string;
  skills: { label: string; required: boolean; level: "notions" | "autonome" | "expert" }[];
  totalHours: number | null;
  workMode: string;
  place: string;
  startDate: string | null;
  endDate: string | null;
}): MatchMission {
  return {
    id: mission.id,
    administration: mission.administration ?? undefined,
    title: mission.title,
    description: `${mission.context}\n${mission.description}`,
    skills: mission.skills.map((skill) => ({ label: skill.label, required: skill.required, level: skill.level })),
    hours: mission.totalHours ?? undefined,
    remote: mission.workMode !== "sur_site",
    location: mission.place || undefined,
    period: { start: mission.startDate ?? undefined, end: mission.endDate ?? undefined },
  };
}

function selectProfiles(executor: Executor) {
  return executor
    .select(profileColumns)
    .from(agentProfiles)
    .innerJoin(users, eq(users.id, agentProfiles.userId))
    .leftJoin(administrations, eq(administrations.id, users.administrationId));
}

async function rebuild(executor: Executor, signature: string): Promise<EngineState> {
  const [concepts, rows] = await Promise.all([loadReferentielConcepts(executor), selectProfiles(executor)]);
  // Large collections are analyzed on worker threads: the event loop keeps serving meanwhile.
  const started = performance.now();
  const build: Omit<EngineBuild, "milliseconds"> = { at: new Date(), profiles: rows.length, workersStarted: 0, batches: 0, batchesOnWorkers: 0 };
  const engine = await buildMatchingEngine(rows.map(toMatchAgent), {
    ...(concepts.length ? { concepts, families: FAMILLES } : {}),
    minProfilesForWorkers: serverEnv().MATCHING_WORKER_MIN_PROFILES,
    onBuilt: (report) => Object.assign(build, report),
    onFallback: (error) => {
      build.fallback = error instanceof Error ? error.message : String(error);
      logger().warn({ event: "matching.workers_unavailable", ...errorFields(error) }, "threads de travail indisponibles, index construit sur le thread principal");
    },
  });
  const lastBuild: EngineBuild = { ...build, milliseconds: Math.round(performance.now() - started) };
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
  return {
    engine,
    profilesWatermark: latest(rows),
    profileCount: rows.length,
    referentielSignature: signature,
    lastBuild,
  };
}

function latest(rows: { updatedAt: Date }[]): Date | null {
  let newest: Date | null = null;
  for (const row of rows) if (!newest || row.updatedAt > newest) newest = row.updatedAt;
  return newest;
}

async function synchronise(executor: Executor): Promise<MatchingEngine> {
  const signature = await referentielSignature(executor);
  let state = store.__pvtMatchingEngine;
  if (!state || state.referentielSignature !== signature) {
    state = await rebuild(executor, signature);
  } else {
    const changed = state.profilesWatermark
      ? await selectProfiles(executor).where(gte(agentProfiles.updatedAt, state.profilesWatermark))
      : await selectProfiles(executor);
    for (const row of changed) state.engine.upsertAgent(toMatchAgent(row));
    state.profilesWatermark = latest([...changed, ...(state.profilesWatermark ? [{ updatedAt: state.profilesWatermark }] : [])]);
    const [total] = await executor.select({ n: count() }).from(agentProfiles);
    if ((total?.n ?? 0) !== state.engine.size) state = await rebuild(executor, signature);
  }
  store.__pvtMatchingEngine = state;
  return state.engine;
}

/** Raised instead of waiting when the index is still being built (pages say so and move on). */
export class MatchingIndexPreparingError extends DomainError {
  constructor() {
    super("Le classement se prépare : il sera disponible dans quelques instants.");
    this.name = "MatchingIndexPreparingError";
  }
}

/**
 * The engine when this process has built it; otherwise starts the build in the background and
 * raises MatchingIndexPreparingError, so that a request never waits for a build.
 */
export function builtMatchingEngine(executor: Executor): Promise<MatchingEngine> {
  if (!store.__pvtMatchingEngine) {
    warmMatchingIndex(executor);
    return Promise.reject(new MatchingIndexPreparingError());
  }
  return matchingEngine(executor);
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

/** The process's engine, up to date with the database. Calls are serialised within the process. */
export function matchingEngine(executor: Executor): Promise<MatchingEngine> {
  const run = (store.__pvtMatchingQueue ?? Promise.resolve()).catch(() => {}).then(() => synchronise(executor));
  store.__pvtMatchingQueue = run;
  return run;
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
}

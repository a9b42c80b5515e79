import "server-only";
import { count, desc, eq, gte } from "drizzle-orm";
import { MissionIndex } from "@/lib/matching/mission-index";
import type { Referentiel } from "@/lib/matching";
import { currentReferentiel } from "@/features/referentiel/service";
import type { Executor } from "@/server/db/client";
import { administrations, missions, type MissionSkill } from "@/server/db/schema";

/**
 * The published missions of this instance, in memory, with their search index (the engine's
 * French analysis): what the catalogue search and « missions pour moi » read instead of loading
 * every mission's text on each request. Postgres stays the truth: before each use, the store
 * reads the missions changed since its watermark (an index on `updated_at`), so a publication or
 * an edit made through any instance is seen by every instance at its next request.
 */
export interface PublishedMission {
  id: string;
  administration: string | null;
  title: string;
  context: string;
  description: string;
  skills: MissionSkill[];
  totalHours: number | null;
  workMode: string;
  place: string;
  startDate: string | null;
  endDate: string | null;
  staffingDeadline: string | null;
  publishedAt: Date | null;
  updatedAt: Date;
}

export interface PublishedMissions {
  index: MissionIndex;
  missions: ReadonlyMap<string, PublishedMission>;
  /**
   * Changes whenever what is held changes: a mission published, edited or withdrawn, a reload, a
   * new référentiel. Never reused within the process, so it can key results computed from the index.
   */
  version: number;
}

interface StoreState extends PublishedMissions {
  missions: Map<string, PublishedMission>;
  referentiel: Referentiel;
  watermark: Date | null;
}

const store = globalThis as typeof globalThis & {
  __pvtPublishedMissionsVersion?: number;
  __pvtPublishedMissions?: StoreState;
  __pvtPublishedMissionsSync?: Promise<StoreState>;
};

/**
 * Changes are re-read from this long before the watermark: a transaction that set `updated_at`
 * on its clock but committed later (or on an instance whose clock lags) is still seen. Rows already
 * held at the same version are skipped, so the overlap costs one indexed read.
 */
const WATERMARK_OVERLAP_MS = 30_000;

const columns = {
  id: missions.id,
  administration: administrations.name,
  title: missions.title,
  context: missions.context,
  description: missions.description,
  skills: missions.skills,
  totalHours: missions.totalHours,
  workMode: missions.workMode,
  place: missions.place,
  startDate: missions.startDate,
  endDate: missions.endDate,
  staffingDeadline: missions.staffingDeadline,
  publishedAt: missions.publishedAt,
  updatedAt: missions.updatedAt,
};

function selectMissions(executor: Executor) {
  return executor.select(columns).from(missions).leftJoin(administrations, eq(administrations.id, missions.administrationId));
}

function selectChanges(executor: Executor) {
  return executor
    .select({ ...columns, state: missions.state })
    .from(missions)
    .leftJoin(administrations, eq(administrations.id, missions.administrationId));
}

function indexed(mission: PublishedMission) {
  return {
    id: mission.id,
    title: mission.title,
    text: `${mission.context}\n${mission.description}`,
    skills: mission.skills.map((skill) => ({ label: skill.label, required: skill.required, conceptId: skill.conceptId })),
  };
}

function nextVersion(): number {
  store.__pvtPublishedMissionsVersion = (store.__pvtPublishedMissionsVersion ?? 0) + 1;
  return store.__pvtPublishedMissionsVersion;
}

function newer(a: Date | null, b: Date): Date {
  return a && a > b ? a : b;
}

async function rebuild(executor: Executor, referentiel: Referentiel): Promise<StoreState> {
  const rows = await selectMissions(executor).where(eq(missions.state, "publiee"));
  const state: StoreState = { index: new MissionIndex(referentiel), missions: new Map(), referentiel, watermark: null, version: nextVersion() };
  for (const mission of rows) {
    state.missions.set(mission.id, mission);
    state.index.upsert(indexed(mission));
    state.watermark = newer(state.watermark, mission.updatedAt);
  }
  // Missions that left the catalogue after the newest published one must not be re-read as new.
  const [latest] = await executor.select({ at: missions.updatedAt }).from(missions).orderBy(desc(missions.updatedAt)).limit(1);
  if (latest) state.watermark = newer(state.watermark, latest.at);
  return state;
}

async function synchronise(executor: Executor): Promise<StoreState> {
  const referentiel = await currentReferentiel(executor);
  let state = store.__pvtPublishedMissions;
  if (!state || state.referentiel !== referentiel) {
    state = await rebuild(executor, referentiel);
  } else {
    const since = state.watermark ? new Date(state.watermark.getTime() - WATERMARK_OVERLAP_MS) : new Date(0);
    const changed = await selectChanges(executor).where(gte(missions.updatedAt, since));
    for (const { state: missionState, ...mission } of changed) {
      state.watermark = newer(state.watermark, mission.updatedAt);
      const held = state.missions.get(mission.id);
      if (missionState !== "publiee") {
        if (held) {
          state.missions.delete(mission.id);
          state.index.remove(mission.id);
          state.version = nextVersion();
        }
        continue;
      }
      if (held && held.updatedAt.getTime() === mission.updatedAt.getTime()) continue;
      state.missions.set(mission.id, mission);
      state.index.upsert(indexed(mission));
      state.version = nextVersion();
    }
    // A mission deleted outright (an agent's data removal takes its drafts, never published ones;
    // a manual fix in the database might) leaves no row to read: the count tells, then a reload.
    const [published] = await executor.select({ n: count() }).from(missions).where(eq(missions.state, "publiee"));
    if ((published?.n ?? 0) !== state.missions.size) state = await rebuild(executor, referentiel);
  }
  store.__pvtPublishedMissions = state;
  return state;
}

/**
 * The published missions, up to date with the database. Concurrent requests share one sync.
 */
export function publishedMissions(executor: Executor): Promise<PublishedMissions> {
  const pending = store.__pvtPublishedMissionsSync;
  if (pending) return pending;
  const run = synchronise(executor).finally(() => {
    if (store.__pvtPublishedMissionsSync === run) store.__pvtPublishedMissionsSync = undefined;
  });
  store.__pvtPublishedMissionsSync = run;
  return run;
}

/** Forgets the missions held (tests switch databases). */
export function resetPublishedMissions() {
  store.__pvtPublishedMissions = undefined;
  store.__pvtPublishedMissionsSync = undefined;
}

import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import { assertRole, type CurrentUser } from "@/server/auth/roles";
import type { Executor } from "@/server/db/client";
import { administrations, agentProfiles, missions, observatoireSupplySnapshots, skillConcepts, users } from "@/server/db/schema";
import { confirmedHours, missionCandidates } from "@/server/db/schema-parcours";
import { errorFields, logger } from "@/server/observability/logger";
import type { ObservatoireFilters } from "./filters";

/**
 * DINUM's observatory. Every figure is an aggregate computed by PostgreSQL (GROUP BY, FILTER,
 * percentile_cont), whatever the number of rows; the app only lays the results out.
 *
 * The period applies to the date that makes each figure: publication for the demand and the
 * missions over time, filing for missions by state, a candidate's entry for the funnel, the
 * start for the staffing time, the confirmation for hours. The ministry is the mission's
 * (the requesting side), except for the supply, which is the agents' ministry.
 */

const PARIS = "Europe/Paris";
/** Hours in a working day, to turn hours into contractor days. */
export const HOURS_PER_DAY = 7;
export const FREE_TAGS_FAMILY = "libres";

const rateSchema = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z.coerce.number().positive().max(100_000).default(600),
);

/** Contractor daily rate (€ excl. tax) for the cost avoided: `OBSERVATOIRE_TAUX_JOURNALIER`, 600 by default. */
export function contractorDailyRate(): number {
  const parsed = rateSchema.safeParse(process.env.OBSERVATOIRE_TAUX_JOURNALIER);
  if (!parsed.success) {
    throw new Error("Configuration invalide : OBSERVATOIRE_TAUX_JOURNALIER doit être un montant positif en euros (par exemple 600).");
  }
  return parsed.data;
}

const DINUM_ONLY = "Seule l'équipe Mission Talents de la DINUM consulte l'observatoire.";

function rowsOf<Row>(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

/** `column` within the period, days read in Paris time, both ends included. */
function inPeriod(column: SQL | AnyPgColumn, filters: ObservatoireFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.from) conditions.push(sql`${column} >= (${filters.from}::date)::timestamp at time zone ${PARIS}`);
  if (filters.to) conditions.push(sql`${column} < (${filters.to}::date + 1)::timestamp at time zone ${PARIS}`);
  return conditions;
}

function ofMinistry(filters: ObservatoireFilters): SQL[] {
  return filters.ministry ? [sql`${administrations.ministry} = ${filters.ministry}`] : [];
}

function where(conditions: SQL[]): SQL {
  return conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
}

export interface SupplyDemandRow {
  /** Family id of the référentiel, or FREE_TAGS_FAMILY for skills no concept covers. */
  family: string;
  /** Open profiles with at least one skill of the family. */
  offered: number;
  /** Published missions asking for at least one skill of the family. */
  asked: number;
  /** offered − asked: negative where demand outruns supply. */
  gap: number;
}

/** How long the stored supply per family serves before it is computed again. */
export const SUPPLY_FRESHNESS_MINUTES = 10;

/**
 * Open profiles per family, as they are now. Each profile's families are made distinct within the
 * profile (a few skills), so the count needs no `count(distinct)` over every skill of every profile.
 */
async function computeOffered(executor: Executor, ministry: string | undefined): Promise<{ family: string; offered: number }[]> {
  const result = await executor.execute(sql`
    select families.family, count(*)::int as offered
    from ${agentProfiles}
    join ${users} on ${users.id} = ${agentProfiles.userId}
    left join ${administrations} on ${administrations.id} = ${users.administrationId}
    cross join lateral (
      select distinct coalesce(${skillConcepts.family}, ${FREE_TAGS_FAMILY}) as family
      from jsonb_array_elements(${agentProfiles.skills}) as skill
      left join ${skillConcepts} on ${skillConcepts.id} = skill->>'conceptId'
    ) as families
    ${where([sql`${agentProfiles.visibility} = 'ouvert'`, ...ofMinistry({ ministry })])}
    group by 1`);
  return rowsOf<{ family: string; offered: number }>(result).map((row) => ({ family: row.family, offered: Number(row.offered) }));
}

const refreshing = new Map<string, Promise<unknown>>();

async function storeOffered(executor: Executor, key: string, ministry: string | undefined) {
  const rows = await computeOffered(executor, ministry);
  const computedAt = new Date();
  await executor
    .insert(observatoireSupplySnapshots)
    .values({ ministry: key, computedAt, rows })
    .onConflictDoUpdate({ target: observatoireSupplySnapshots.ministry, set: { computedAt, rows } });
  return { rows, computedAt };
}

/**
 * The supply, as stored at most SUPPLY_FRESHNESS_MINUTES ago: an older one is still shown (with
 * its time) while this process computes the next one in the background; none yet is computed now.
 */
async function offeredSnapshot(executor: Executor, ministry: string | undefined, now: Date) {
  const key = ministry ?? "";
  const [stored] = await executor.select().from(observatoireSupplySnapshots).where(eq(observatoireSupplySnapshots.ministry, key));
  if (!stored) return storeOffered(executor, key, ministry);
  if (now.getTime() - stored.computedAt.getTime() > SUPPLY_FRESHNESS_MINUTES * 60_000 && !refreshing.has(key)) {
    const refresh = storeOffered(executor, key, ministry)
      .catch((error: unknown) => logger().error({ event: "observatoire.supply_failed", ...errorFields(error) }, "observatoire : l'offre n'a pas pu être recalculée"))
      .finally(() => refreshing.delete(key));
    refreshing.set(key, refresh);
  }
  return { rows: stored.rows, computedAt: stored.computedAt };
}

/** Published missions (in the period) asking for at least one skill of each family. */
async function computeAsked(executor: Executor, filters: ObservatoireFilters): Promise<{ family: string; asked: number }[]> {
  const result = await executor.execute(sql`
    select families.family, count(*)::int as asked
    from ${missions}
    join ${administrations} on ${administrations.id} = ${missions.administrationId}
    cross join lateral (
      select distinct coalesce(${skillConcepts.family}, ${FREE_TAGS_FAMILY}) as family
      from jsonb_array_elements(${missions.skills}) as skill
      left join ${skillConcepts} on ${skillConcepts.id} = skill->>'conceptId'
    ) as families
    ${where([sql`${missions.publishedAt} is not null`, ...inPeriod(missions.publishedAt, filters), ...ofMinistry(filters)])}
    group by 1`);
  return rowsOf<{ family: string; asked: number }>(result).map((row) => ({ family: row.family, asked: Number(row.asked) }));
}

function combine(offered: { family: string; offered: number }[], asked: { family: string; asked: number }[]): SupplyDemandRow[] {
  const rows = new Map<string, SupplyDemandRow>();
  for (const row of offered) rows.set(row.family, { family: row.family, offered: row.offered, asked: 0, gap: row.offered });
  for (const row of asked) {
    const current = rows.get(row.family) ?? { family: row.family, offered: 0, asked: 0, gap: 0 };
    rows.set(row.family, { ...current, asked: row.asked, gap: current.offered - row.asked });
  }
  // Same order as before: most asked first, then most offered, then the family id.
  return [...rows.values()].sort((a, b) => b.asked - a.asked || b.offered - a.offered || (a.family < b.family ? -1 : a.family > b.family ? 1 : 0));
}

export interface SupplyDemand {
  rows: SupplyDemandRow[];
  /** When the supply side was computed (it is stored for SUPPLY_FRESHNESS_MINUTES). */
  supplyComputedAt: Date;
}

async function supplyAndDemandWithTime(executor: Executor, filters: ObservatoireFilters, now: Date): Promise<SupplyDemand> {
  const [offered, asked] = await Promise.all([offeredSnapshot(executor, filters.ministry, now), computeAsked(executor, filters)]);
  return { rows: combine(offered.rows, asked), supplyComputedAt: offered.computedAt };
}

/**
 * Supply (open profiles, as they were at most SUPPLY_FRESHNESS_MINUTES ago) against demand
 * (missions published in the period, counted now), per skill family.
 */
export async function supplyAndDemand(executor: Executor, actor: CurrentUser, filters: ObservatoireFilters, now = new Date()): Promise<SupplyDemandRow[]> {
  assertRole(actor, "dinum", DINUM_ONLY);
  return (await supplyAndDemandWithTime(executor, filters, now)).rows;
}

export interface StateCount {
  state: string;
  missions: number;
}

/** Missions by current state, among missions filed (or, for drafts, created) in the period. */
export async function missionsByState(executor: Executor, actor: CurrentUser, filters: ObservatoireFilters): Promise<StateCount[]> {
  assertRole(actor, "dinum", DINUM_ONLY);
  const filedAt = sql`coalesce(${missions.submittedAt}, ${missions.createdAt})`;
  const result = await executor.execute(sql`
    select ${missions.state} as state, count(*)::int as missions
    from ${missions}
    join ${administrations} on ${administrations.id} = ${missions.administrationId}
    ${where([...inPeriod(filedAt, filters), ...ofMinistry(filters)])}
    group by 1
    order by 1`);
  return rowsOf<StateCount>(result).map((row) => ({ state: row.state, missions: Number(row.missions) }));
}

export interface MonthMinistryCount {
  /** yyyy-mm, in Paris time. */
  month: string;
  ministry: string;
  missions: number;
}

/** Missions published per month and per ministry of the requesting administration. */
export async function missionsByMinistryAndMonth(executor: Executor, actor: CurrentUser, filters: ObservatoireFilters): Promise<MonthMinistryCount[]> {
  assertRole(actor, "dinum", DINUM_ONLY);
  const result = await executor.execute(sql`
    select to_char(date_trunc('month', ${missions.publishedAt} at time zone ${PARIS}), 'YYYY-MM') as month,
      ${administrations.ministry} as ministry,
      count(*)::int as missions
    from ${missions}
    join ${administrations} on ${administrations.id} = ${missions.administrationId}
    ${where([sql`${missions.publishedAt} is not null`, ...inPeriod(missions.publishedAt, filters), ...ofMinistry(filters)])}
    group by 1, 2
    order by 1, 2`);
  return rowsOf<MonthMinistryCount>(result).map((row) => ({ month: row.month, ministry: row.ministry, missions: Number(row.missions) }));
}

export const FUNNEL_STEPS = ["suggested", "proposed", "accepted", "consented", "selected", "finished"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export interface FunnelRow {
  step: FunnelStep;
  /** Candidates who reached this step (or went further). */
  candidates: number;
  /** Percentage of the previous step's candidates, one decimal; null for the first step or an empty previous step. */
  conversionRate: number | null;
}

/** Each step counts candidates who reached it, whatever happened next: a refusal by the manager still counts as accepted. */
const REACHED: Record<Exclude<FunnelStep, "suggested" | "finished">, SQL> = {
  proposed: sql`${missionCandidates.proposedAt} is not null`,
  accepted: sql`${missionCandidates.state} in ('acceptee', 'consentie', 'refusee_manager', 'selectionnee', 'non_retenue')`,
  consented: sql`${missionCandidates.state} in ('consentie', 'selectionnee', 'non_retenue')`,
  selected: sql`${missionCandidates.state} = 'selectionnee'`,
};

/**
 * Suggested (every candidate considered: engine, application, DINUM) → proposed → accepted →
 * consented → selected → finished (hours confirmed by both sides), for candidates who entered
 * the review in the period (a cohort: they count as finished whenever that came), on missions of the ministry.
 */
export async function funnel(executor: Executor, actor: CurrentUser, filters: ObservatoireFilters): Promise<FunnelRow[]> {
  assertRole(actor, "dinum", DINUM_ONLY);
  const rate = (step: FunnelStep, previous: FunnelStep) =>
    sql.raw(`round(100.0 * ${step} / nullif(${previous}, 0), 1)::float8 as "${step}Rate"`);
  const result = await executor.execute(sql`
    with counts as (
      select count(*)::int as suggested,
        count(*) filter (where ${REACHED.proposed})::int as proposed,
        count(*) filter (where ${REACHED.accepted})::int as accepted,
        count(*) filter (where ${REACHED.consented})::int as consented,
        count(*) filter (where ${REACHED.selected})::int as selected,
        count(${confirmedHours.id})::int as finished
      from ${missionCandidates}
      join ${missions} on ${missions.id} = ${missionCandidates.missionId}
      join ${administrations} on ${administrations.id} = ${missions.administrationId}
      left join ${confirmedHours} on ${confirmedHours.candidateId} = ${missionCandidates.id}
      ${where([...inPeriod(missionCandidates.createdAt, filters), ...ofMinistry(filters)])}
    )
    select counts.*,
      ${sql.join(
        FUNNEL_STEPS.slice(1).map((step, index) => rate(step, FUNNEL_STEPS[index]!)),
        sql`, `,
      )}
    from counts`);
  const [row] = rowsOf<Record<string, number | null>>(result);
  return FUNNEL_STEPS.map((step) => ({
    step,
    candidates: Number(row?.[step] ?? 0),
    conversionRate: step === "suggested" || row?.[`${step}Rate`] == null ? null : Number(row[`${step}Rate`]),
  }));
}

export interface StaffingTime {
  /** Median days from publication to the start of the mission, one decimal; null without any started mission. */
  medianDays: number | null;
  /** Missions counted: started in the period. */
  missions: number;
}

export async function staffingTime(executor: Executor, actor: CurrentUser, filters: ObservatoireFilters): Promise<StaffingTime> {
  assertRole(actor, "dinum", DINUM_ONLY);
  const result = await executor.execute(sql`
    select round((percentile_cont(0.5) within group (
        order by extract(epoch from (${missions.startedAt} - ${missions.publishedAt})) / 86400
      ))::numeric, 1)::float8 as "medianDays",
      count(*)::int as missions
    from ${missions}
    join ${administrations} on ${administrations.id} = ${missions.administrationId}
    ${where([sql`${missions.startedAt} is not null`, sql`${missions.publishedAt} is not null`, ...inPeriod(missions.startedAt, filters), ...ofMinistry(filters)])}`);
  const [row] = rowsOf<{ medianDays: number | null; missions: number }>(result);
  return { medianDays: row?.medianDays == null ? null : Number(row.medianDays), missions: Number(row?.missions ?? 0) };
}

export interface HoursShared {
  /** Hours confirmed by both sides, confirmed in the period, on missions of the ministry. */
  hours: number;
  participations: number;
  /** € excl. tax, whole euros: hours × daily rate / 7. */
  costAvoided: number;
  dailyRate: number;
}

export async function hoursShared(executor: Executor, actor: CurrentUser, filters: ObservatoireFilters): Promise<HoursShared> {
  assertRole(actor, "dinum", DINUM_ONLY);
  const dailyRate = contractorDailyRate();
  const result = await executor.execute(sql`
    select coalesce(sum(${confirmedHours.hours}), 0)::int as hours,
      count(*)::int as participations,
      round(coalesce(sum(${confirmedHours.hours}), 0) * ${dailyRate}::numeric / ${HOURS_PER_DAY})::float8 as "costAvoided"
    from ${confirmedHours}
    join ${administrations} on ${administrations.id} = ${confirmedHours.borrowingAdministrationId}
    ${where([...inPeriod(confirmedHours.confirmedAt, filters), ...ofMinistry(filters)])}`);
  const [row] = rowsOf<{ hours: number; participations: number; costAvoided: number }>(result);
  return { hours: Number(row?.hours ?? 0), participations: Number(row?.participations ?? 0), costAvoided: Number(row?.costAvoided ?? 0), dailyRate };
}

/** Ministries of attachment known to the service, for the filter. */
export async function listMinistries(executor: Executor, actor: CurrentUser): Promise<string[]> {
  // Shared by the DINUM pages that filter by ministry (observatory, contributors).
  assertRole(actor, "dinum");
  const rows = await executor.selectDistinct({ ministry: administrations.ministry }).from(administrations).orderBy(administrations.ministry);
  return rows.map((row) => row.ministry);
}

export interface Observatoire {
  supplyDemand: SupplyDemandRow[];
  supplyComputedAt: Date;
  byState: StateCount[];
  byMinistryAndMonth: MonthMinistryCount[];
  funnel: FunnelRow[];
  staffing: StaffingTime;
  hours: HoursShared;
}

/** Every figure of the page, with the same filters. */
export async function getObservatoire(executor: Executor, actor: CurrentUser, filters: ObservatoireFilters, now = new Date()): Promise<Observatoire> {
  assertRole(actor, "dinum", DINUM_ONLY);
  const [supply, byState, byMinistryAndMonth, funnelRows, staffing, hours] = await Promise.all([
    supplyAndDemandWithTime(executor, filters, now),
    missionsByState(executor, actor, filters),
    missionsByMinistryAndMonth(executor, actor, filters),
    funnel(executor, actor, filters),
    staffingTime(executor, actor, filters),
    hoursShared(executor, actor, filters),
  ]);
  return { supplyDemand: supply.rows, supplyComputedAt: supply.supplyComputedAt, byState, byMinistryAndMonth, funnel: funnelRows, staffing, hours };
}

/** How long the page's figures serve before they are computed again. */
export const FIGURES_FRESHNESS_MINUTES = 5;
const FIGURES_CACHED_FILTERS = 50;

interface CachedFigures {
  figures: Observatoire;
  computedAt: Date;
}

// Per database (tests open several), per filters; at most FIGURES_CACHED_FILTERS filter sets, the oldest dropped first.
const figuresCache = new WeakMap<object, Map<string, CachedFigures>>();
const figuresPending = new WeakMap<object, Map<string, Promise<CachedFigures>>>();

function computeFigures(executor: Executor, actor: CurrentUser, filters: ObservatoireFilters, key: string, now: Date): Promise<CachedFigures> {
  const pending = figuresPending.get(executor) ?? new Map<string, Promise<CachedFigures>>();
  figuresPending.set(executor, pending);
  const running = pending.get(key);
  if (running) return running;
  const computation = getObservatoire(executor, actor, filters, now)
    .then((figures) => {
      const entry = { figures, computedAt: new Date() };
      const cache = figuresCache.get(executor) ?? new Map<string, CachedFigures>();
      figuresCache.set(executor, cache);
      cache.delete(key);
      cache.set(key, entry);
      while (cache.size > FIGURES_CACHED_FILTERS) cache.delete(cache.keys().next().value!);
      return entry;
    })
    .finally(() => pending.delete(key));
  pending.set(key, computation);
  return computation;
}

/**
 * The page's figures, computed at most FIGURES_FRESHNESS_MINUTES ago by this instance, with the
 * time they were computed (the page shows it). The observatory aggregates every mission and
 * candidate: a few hundred milliseconds of database work that concurrent views would otherwise
 * repeat. Past the freshness the stored figures still show while the next ones are computed in
 * the background; the first view of a filter set waits for its figures.
 */
export async function observatoireFigures(
  executor: Executor,
  actor: CurrentUser,
  filters: ObservatoireFilters,
  now = new Date(),
): Promise<CachedFigures> {
  assertRole(actor, "dinum", DINUM_ONLY);
  const key = JSON.stringify([filters.ministry ?? "", filters.from ?? "", filters.to ?? ""]);
  const cached = figuresCache.get(executor)?.get(key);
  if (!cached) return computeFigures(executor, actor, filters, key, now);
  if (now.getTime() - cached.computedAt.getTime() > FIGURES_FRESHNESS_MINUTES * 60_000) {
    computeFigures(executor, actor, filters, key, now).catch((error: unknown) =>
      logger().error({ event: "observatoire.figures_failed", ...errorFields(error) }, "observatoire : les chiffres n'ont pas pu être recalculés"),
    );
  }
  return cached;
}

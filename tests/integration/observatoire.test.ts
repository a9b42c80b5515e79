import { eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, expect, it } from "vitest";
import type { ObservatoireFilters } from "@/features/observatoire/filters";
import { parseObservatoireFilters } from "@/features/observatoire/filters";
import {
  funnel,
  getObservatoire,
  hoursShared,
  listMinistries,
  missionsByMinistryAndMonth,
  missionsByState,
  staffingTime,
  supplyAndDemand,
  SUPPLY_FRESHNESS_MINUTES,
} from "@/features/observatoire/service";
import { figureCsv, funnelTable, supplyDemandTable } from "@/features/observatoire/tables";
import { AuthorizationError, type CurrentUser } from "@/server/auth/roles";
import { seedDemoData, seedUuid } from "@/server/db/seed";
import { administrations, agentProfiles, missions, skillConcepts, users } from "@/server/db/schema";
import { ledgerEntries, ledgerTransactions } from "@/server/db/schema-compensation";
import { confirmedHours, missionCandidates } from "@/server/db/schema-parcours";
import { describeOnBothDatabases } from "./support/databases";

const claire: CurrentUser = {
  id: seedUuid("user:demo-dinum-claire"),
  email: "claire.bernard@numerique.gouv.fr",
  givenName: "Claire",
  usualName: "Bernard",
  displayName: "Claire Bernard",
  administrationId: null,
  administrationName: null,
  roles: ["agent", "dinum"],
};
const yann: CurrentUser = { ...claire, id: seedUuid("user:demo-demandeur-yann"), email: "yann.le-goff@saint-brieuc.fr", roles: ["agent", "demandeur"] };

const INTERIEUR = "Ministère de l'Intérieur";
const SANTE = "Ministère de la Santé";
const DAY_MS = 86_400_000;

/** yyyy-mm-dd in Paris time, `days` before now. */
function parisDay(daysAgo: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() - daysAgo * DAY_MS));
}

function inPeriod(date: Date | null, filters: ObservatoireFilters): boolean {
  if (!date) return false;
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
  return (!filters.from || day >= filters.from) && (!filters.to || day <= filters.to);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describeOnBothDatabases("observatoire de la DINUM", (database) => {
  beforeAll(async () => {
    await seedDemoData(database().db);
  });

  afterEach(() => {
    delete process.env.OBSERVATOIRE_TAUX_JOURNALIER;
  });

  /** The figures recomputed here, in plain TypeScript over the rows, to check the SQL against. */
  async function expectedFigures(filters: ObservatoireFilters) {
    const { db } = database();
    const familyOf = new Map((await db.select({ id: skillConcepts.id, family: skillConcepts.family }).from(skillConcepts)).map((row) => [row.id, row.family]));
    const families = (skills: { conceptId: string | null }[]) => new Set(skills.map((skill) => (skill.conceptId && familyOf.get(skill.conceptId)) || "libres"));
    const ministryOf = new Map((await db.select({ id: administrations.id, ministry: administrations.ministry }).from(administrations)).map((row) => [row.id, row.ministry]));
    const ofMinistry = (administrationId: string | null) => !filters.ministry || (administrationId !== null && ministryOf.get(administrationId) === filters.ministry);

    const offered = new Map<string, number>();
    const profiles = await db
      .select({ skills: agentProfiles.skills, visibility: agentProfiles.visibility, administrationId: users.administrationId })
      .from(agentProfiles)
      .innerJoin(users, eq(users.id, agentProfiles.userId));
    for (const profile of profiles.filter((row) => row.visibility === "ouvert" && ofMinistry(row.administrationId))) {
      for (const family of families(profile.skills)) offered.set(family, (offered.get(family) ?? 0) + 1);
    }
    const allMissions = (await db.select().from(missions)).filter((mission) => ofMinistry(mission.administrationId));
    const asked = new Map<string, number>();
    for (const mission of allMissions.filter((row) => row.publishedAt && inPeriod(row.publishedAt, filters))) {
      for (const family of families(mission.skills)) asked.set(family, (asked.get(family) ?? 0) + 1);
    }
    const byState = new Map<string, number>();
    for (const mission of allMissions.filter((row) => inPeriod(row.submittedAt ?? row.createdAt, filters))) {
      byState.set(mission.state, (byState.get(mission.state) ?? 0) + 1);
    }
    const started = allMissions.filter((row) => row.startedAt && row.publishedAt && inPeriod(row.startedAt, filters));
    const missionIds = new Set(allMissions.map((mission) => mission.id));
    const allHours = await db.select().from(confirmedHours);
    const hours = allHours.filter((row) => missionIds.has(row.missionId) && inPeriod(row.confirmedAt, filters));
    // The funnel follows a cohort: candidates who came in during the period, finished whenever.
    const finishedCandidates = new Set(allHours.map((row) => row.candidateId));
    const candidates = (await db.select().from(missionCandidates)).filter((row) => missionIds.has(row.missionId) && inPeriod(row.createdAt, filters));
    return {
      offered,
      asked,
      byState,
      publishedCount: allMissions.filter((row) => row.publishedAt && inPeriod(row.publishedAt, filters)).length,
      medianDays: median(started.map((row) => (row.startedAt!.getTime() - row.publishedAt!.getTime()) / DAY_MS)),
      startedCount: started.length,
      hours: hours.reduce((sum, row) => sum + row.hours, 0),
      participations: hours.length,
      funnel: [
        candidates.length,
        candidates.filter((row) => row.proposedAt).length,
        candidates.filter((row) => ["acceptee", "consentie", "refusee_manager", "selectionnee", "non_retenue"].includes(row.state)).length,
        candidates.filter((row) => ["consentie", "selectionnee", "non_retenue"].includes(row.state)).length,
        candidates.filter((row) => row.state === "selectionnee").length,
        candidates.filter((row) => finishedCandidates.has(row.id)).length,
      ],
    };
  }

  async function expectFiguresToMatch(filters: ObservatoireFilters) {
    const { db } = database();
    const expected = await expectedFigures(filters);
    const figures = await getObservatoire(db, claire, filters);

    const supply = new Map(figures.supplyDemand.map((row) => [row.family, row]));
    expect(new Set(supply.keys())).toEqual(new Set([...expected.offered.keys(), ...expected.asked.keys()]));
    for (const [family, row] of supply) {
      expect(row, family).toEqual({ family, offered: expected.offered.get(family) ?? 0, asked: expected.asked.get(family) ?? 0, gap: (expected.offered.get(family) ?? 0) - (expected.asked.get(family) ?? 0) });
    }
    expect(new Map(figures.byState.map((row) => [row.state, row.missions]))).toEqual(expected.byState);
    expect(figures.byMinistryAndMonth.reduce((sum, row) => sum + row.missions, 0)).toBe(expected.publishedCount);
    expect(figures.funnel.map((row) => row.candidates)).toEqual(expected.funnel);
    figures.funnel.slice(1).forEach((row, index) => {
      const previous = expected.funnel[index]!;
      expect(row.conversionRate).toBe(previous === 0 ? null : Math.round((1000 * expected.funnel[index + 1]!) / previous) / 10);
    });
    expect(figures.staffing.missions).toBe(expected.startedCount);
    expect(figures.staffing.medianDays).toBe(expected.medianDays === null ? null : Math.round(expected.medianDays * 10) / 10);
    expect(figures.hours).toMatchObject({ hours: expected.hours, participations: expected.participations, costAvoided: Math.round((expected.hours * 600) / 7), dailyRate: 600 });
    return figures;
  }

  it("calcule chaque chiffre en base, comme un décompte indépendant des lignes", async () => {
    const figures = await expectFiguresToMatch({});
    // The demo activity: a finished mission (Gironde, 22 days to staff, 22 h + 14 h) and a running one (CHU de Toulouse, 14 days).
    expect(figures.funnel.map((row) => row.candidates)).toEqual([12, 9, 7, 5, 3, 2]);
    expect(figures.funnel.map((row) => row.conversionRate)).toEqual([null, 75, 77.8, 71.4, 60, 66.7]);
    expect(figures.staffing).toEqual({ medianDays: 18, missions: 2 });
    expect(figures.hours).toEqual({ hours: 36, participations: 2, costAvoided: 3086, dailyRate: 600 });
    expect(figures.byState.find((row) => row.state === "terminee")?.missions).toBe(1);
    expect(figures.supplyDemand.some((row) => row.family === "libres")).toBe(true);
    expect(figures.supplyDemand.find((row) => row.family === "bi-dataviz")?.asked).toBeGreaterThanOrEqual(1);
  });

  it("filtre par ministère : les missions du ministère, l'offre de ses agents", async () => {
    const { db } = database();
    expect(await listMinistries(db, claire)).toEqual(expect.arrayContaining([INTERIEUR, SANTE, "Ministère de la Culture"]));
    const interieur = await expectFiguresToMatch({ ministry: INTERIEUR });
    expect(interieur.funnel[0]!.candidates).toBe(7);
    expect(interieur.staffing).toEqual({ medianDays: 22, missions: 1 });
    expect(interieur.hours.hours).toBe(36);
    expect(interieur.byMinistryAndMonth.every((row) => row.ministry === INTERIEUR)).toBe(true);

    const sante = await expectFiguresToMatch({ ministry: SANTE });
    expect(sante.funnel.map((row) => row.candidates)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(sante.staffing).toEqual({ medianDays: 14, missions: 1 });
    expect(sante.hours).toMatchObject({ hours: 0, participations: 0, costAvoided: 0 });
    const total = (rows: { offered: number }[]) => rows.reduce((sum, row) => sum + row.offered, 0);
    expect(total(sante.supplyDemand)).toBeLessThan(total((await supplyAndDemand(db, claire, {}))));

    const nobody = await expectFiguresToMatch({ ministry: "Ministère qui n'existe pas" });
    expect(nobody.supplyDemand).toEqual([]);
    expect(nobody.funnel.map((row) => row.conversionRate)).toEqual([null, null, null, null, null, null]);
    expect(nobody.staffing).toEqual({ medianDays: null, missions: 0 });
  });

  it("filtre par période, bornes incluses, selon la date propre à chaque chiffre", async () => {
    const recent = await expectFiguresToMatch({ from: parisDay(80) });
    // The Gironde mission's candidates came in about four months ago, its hours were confirmed 40 days ago.
    expect(recent.funnel[0]!.candidates).toBe(5);
    expect(recent.staffing).toEqual({ medianDays: 14, missions: 1 });
    expect(recent.hours.hours).toBe(36);

    const older = await expectFiguresToMatch({ to: parisDay(90) });
    expect(older.funnel[0]!.candidates).toBe(7);
    expect(older.staffing).toEqual({ medianDays: 22, missions: 1 });
    expect(older.hours.hours).toBe(0);

    await expectFiguresToMatch({ from: parisDay(150), to: parisDay(30), ministry: INTERIEUR });
    const empty = await expectFiguresToMatch({ from: parisDay(10), to: parisDay(20) });
    expect(empty.funnel[0]!.candidates).toBe(0);
  });

  it("lit le taux journalier dans OBSERVATOIRE_TAUX_JOURNALIER", async () => {
    process.env.OBSERVATOIRE_TAUX_JOURNALIER = "700";
    expect(await hoursShared(database().db, claire, {})).toMatchObject({ hours: 36, costAvoided: 3600, dailyRate: 700 });
    process.env.OBSERVATOIRE_TAUX_JOURNALIER = "beaucoup";
    await expect(hoursShared(database().db, claire, {})).rejects.toThrow("OBSERVATOIRE_TAUX_JOURNALIER");
  });

  it("exporte en CSV les mêmes chiffres que le tableau, en français, avec BOM et points-virgules", async () => {
    const { db } = database();
    const csv = figureCsv(funnelTable(await funnel(db, claire, {})));
    expect(csv.startsWith("\uFEFFÉtape;Candidats;Taux de passage depuis l'étape précédente (%)\r\n")).toBe(true);
    expect(csv).toContain("Accord du manager;5;71,4\r\n");
    expect(csv).toContain("Repérés (suggestions, candidatures, ajouts DINUM);12;\r\n");
    const supply = figureCsv(supplyDemandTable(await supplyAndDemand(db, claire, {})));
    expect(supply).toContain("Compétences libres;");
    expect(supply.startsWith("\uFEFFFamille de compétences;Profils qui l'offrent;Missions qui la demandent;Écart (offre − demande)\r\n")).toBe(true);
  });

  it("lit les filtres de l'adresse en ignorant ce qui est invalide", () => {
    expect(parseObservatoireFilters(new URLSearchParams("du=2025-01-01&au=2025-02-30&ministere=Minist%C3%A8re+de+la+Sant%C3%A9"))).toEqual({
      from: "2025-01-01",
      to: undefined,
      ministry: SANTE,
    });
    expect(parseObservatoireFilters({ du: "", au: ["2025-06-30"], ministere: "" })).toEqual({ from: undefined, to: "2025-06-30", ministry: undefined });
  });

  it("les heures de démonstration sont passées au grand livre, en écritures équilibrées", async () => {
    const { db } = database();
    const postings = await db
      .select({ transactionId: ledgerTransactions.id, total: sql<string>`sum(${ledgerEntries.amount})`, lines: sql<number>`count(*)::int` })
      .from(ledgerTransactions)
      .innerJoin(ledgerEntries, eq(ledgerEntries.transactionId, ledgerTransactions.id))
      .where(eq(ledgerTransactions.kind, "heures_mission"))
      .groupBy(ledgerTransactions.id);
    expect(postings).toHaveLength(2);
    expect(postings.every((posting) => Number(posting.total) === 0 && Number(posting.lines) === 2)).toBe(true);
  });

  it("est réservé à l'équipe DINUM", async () => {
    const { db } = database();
    for (const figure of [supplyAndDemand, missionsByState, missionsByMinistryAndMonth, funnel, staffingTime, hoursShared, getObservatoire]) {
      await expect(figure(db, yann, {})).rejects.toThrow(AuthorizationError);
    }
    await expect(listMinistries(db, yann)).rejects.toThrow(AuthorizationError);
  });

  it("garde l'offre au plus SUPPLY_FRESHNESS_MINUTES, dit de quand elle date, puis la recalcule", async () => {
    const { db } = database();
    const filters = { ministry: INTERIEUR };
    const now = new Date();
    const first = await getObservatoire(db, claire, filters, now);
    expect(first.supplyComputedAt.getTime()).toBeLessThanOrEqual(Date.now());
    const offered = (figures: { supplyDemand: { family: string; offered: number }[] }) =>
      figures.supplyDemand.reduce((sum, row) => sum + row.offered, 0);

    // An Intérieur agent's open profile goes on pause: the stored supply still shows, with its time.
    const [agent] = await db
      .select({ userId: agentProfiles.userId })
      .from(agentProfiles)
      .innerJoin(users, eq(users.id, agentProfiles.userId))
      .innerJoin(administrations, eq(administrations.id, users.administrationId))
      .where(sql`${administrations.ministry} = ${INTERIEUR} and ${agentProfiles.visibility} = 'ouvert' and jsonb_array_length(${agentProfiles.skills}) > 0`)
      .limit(1);
    await db.update(agentProfiles).set({ visibility: "en_pause" }).where(eq(agentProfiles.userId, agent!.userId));
    const soon = await getObservatoire(db, claire, filters, new Date(now.getTime() + 60_000));
    expect(soon.supplyComputedAt).toEqual(first.supplyComputedAt);
    expect(offered(soon)).toBe(offered(first));

    // Past the freshness, the next view starts computing it again; the one after sees the new figures.
    const later = new Date(now.getTime() + (SUPPLY_FRESHNESS_MINUTES + 1) * 60_000);
    await getObservatoire(db, claire, filters, later);
    let refreshed = await getObservatoire(db, claire, filters, later);
    for (let attempt = 0; attempt < 50 && refreshed.supplyComputedAt.getTime() === first.supplyComputedAt.getTime(); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      refreshed = await getObservatoire(db, claire, filters, later);
    }
    expect(refreshed.supplyComputedAt.getTime()).toBeGreaterThan(first.supplyComputedAt.getTime());
    expect(offered(refreshed)).toBeLessThan(offered(first));
    await db.update(agentProfiles).set({ visibility: "ouvert" }).where(eq(agentProfiles.userId, agent!.userId));
  });
});

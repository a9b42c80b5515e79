import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import { matchingEngine, matchingEngineBuild, resetMatchingEngine } from "@/features/appariement/engine-store";
import { listMissionSuggestions, missionsForAgent, refreshMissionSuggestions, resetMissionsForAgent } from "@/features/appariement/service";
import type { CurrentUser } from "@/server/auth/roles";
import { seedDemoData, seedUuid } from "@/server/db/seed";
import { agentProfiles, missionSuggestions, missions, users } from "@/server/db/schema";
import { describeOnBothDatabases } from "./support/databases";

const dinum: CurrentUser = {
  id: "00000000-0000-4000-8000-000000000001",
  email: "equipe@numerique.gouv.fr",
  givenName: "Équipe",
  usualName: "DINUM",
  displayName: "Équipe DINUM",
  administrationId: null,
  administrationName: null,
  roles: ["agent", "dinum"],
};

describeOnBothDatabases("appariement dans le produit", (database) => {
  let publishedId: string;
  let camille: CurrentUser;

  beforeAll(async () => {
    resetMatchingEngine();
    await seedDemoData(database().db);
    const [mission] = await database().db.select().from(missions).where(eq(missions.state, "publiee")).limit(1);
    publishedId = mission!.id;
    camille = { ...dinum, id: seedUuid("user:demo-agent-camille"), roles: ["agent"] };
  });
  beforeEach(() => resetMatchingEngine());

  it("classe les agents d'une mission publiée et garde les raisons, sans profil en pause", async () => {
    const { db } = database();
    const stored = await refreshMissionSuggestions(db, publishedId);
    expect(stored).toBeGreaterThan(0);
    const suggestions = await listMissionSuggestions(db, dinum, publishedId);
    expect(suggestions.map((row) => row.engineRank)).toEqual(suggestions.map((_, index) => index + 1));
    expect(suggestions.every((row) => row.reasons.length > 0)).toBe(true);
    const paused = await db.select({ id: agentProfiles.userId }).from(agentProfiles).where(eq(agentProfiles.visibility, "en_pause"));
    const pausedIds = new Set(paused.map((row) => row.id));
    expect(suggestions.some((row) => pausedIds.has(row.agentId))).toBe(false);
  });

  it("recalcule quand un profil change : un agent mis en pause disparaît des suggestions", async () => {
    const { db } = database();
    const before = await listMissionSuggestions(db, dinum, publishedId);
    const first = before[0]!;
    await db.update(agentProfiles).set({ visibility: "en_pause", updatedAt: new Date(Date.now() + 1000) }).where(eq(agentProfiles.userId, first.agentId));
    const after = await listMissionSuggestions(db, dinum, publishedId);
    expect(after.some((row) => row.agentId === first.agentId)).toBe(false);
    await db.update(agentProfiles).set({ visibility: "ouvert", updatedAt: new Date(Date.now() + 2000) }).where(eq(agentProfiles.userId, first.agentId));
  });

  it("dit à la DINUM comment ce serveur a construit son index", async () => {
    const { db } = database();
    expect(matchingEngineBuild(dinum)).toBeNull();
    await refreshMissionSuggestions(db, publishedId);
    const profiles = await db.select({ id: agentProfiles.userId }).from(agentProfiles);
    // Below the worker threshold (20,000 profiles by default), on the main thread.
    expect(matchingEngineBuild(dinum)).toMatchObject({ profiles: profiles.length, workersStarted: 0, batchesOnWorkers: 0 });
    expect(matchingEngineBuild(dinum)!.milliseconds).toBeGreaterThanOrEqual(0);
    expect(() => matchingEngineBuild(camille)).toThrow("droits");
  });

  it("réserve les suggestions à la DINUM", async () => {
    await expect(listMissionSuggestions(database().db, camille, publishedId)).rejects.toThrow("droits");
  });

  it("propose à un agent les missions publiées qui lui correspondent, jamais un brouillon", async () => {
    const { db } = database();
    const result = await missionsForAgent(db, camille);
    const ranked = result?.missions;
    expect(ranked?.length).toBeGreaterThan(0);
    const published = new Set(
      (await db.select({ id: missions.id }).from(missions).where(eq(missions.state, "publiee"))).map((row) => row.id),
    );
    expect(ranked!.every((mission) => published.has(mission.missionId))).toBe(true);
    const scores = ranked!.map((mission) => mission.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // Good and possible fits only, each with one sentence and at most three reasons.
    expect(ranked!.every((mission) => mission.fit === "bon" || mission.fit === "possible")).toBe(true);
    expect(ranked!.every((mission) => mission.explanation.length > 0 && mission.reasons.length <= 3)).toBe(true);
  });

  it("ne montre à un agent que des correspondances réelles, et lui dit quoi ajouter quand rien ne correspond", async () => {
    const { db } = database();
    const [someone] = await db
      .insert(users)
      .values({ proconnectSub: "fleuriste", idpId: "test", email: "fleuriste@exemple.gouv.fr", givenName: "Rose", usualName: "Fleur", roles: ["agent"] })
      .returning();
    await db.insert(agentProfiles).values({
      userId: someone!.id,
      presentation: "J'aime aider les collègues, huit ans au service des espaces verts.",
      skills: [{ label: "Composition florale", level: "expert", conceptId: null }],
      hoursPerMonth: 4,
    });
    const result = await missionsForAgent(db, { ...camille, id: someone!.id });
    expect(result!.publishedCount).toBeGreaterThan(0);
    expect(result!.missions).toEqual([]);
    expect(result!.advice.join(" ")).toMatch(/compétences/);
    expect(result!.advice.join(" ")).toMatch(/Les missions publiées demandent surtout/);
  });

  it("n'a rien à proposer à un agent sans profil", async () => {
    const { db } = database();
    const [someone] = await db
      .insert(users)
      .values({ proconnectSub: "sans-profil", idpId: "test", email: "sans.profil@exemple.gouv.fr" })
      .returning();
    expect(await missionsForAgent(db, { ...camille, id: someone!.id })).toBeNull();
    expect(await db.select().from(missionSuggestions).where(eq(missionSuggestions.agentId, someone!.id))).toEqual([]);
  });

  it("ne relit à chaque synchronisation que les profils changés, même quand plusieurs partagent le dernier horodatage", async () => {
    const { db } = database();
    // Several profiles saved in the same instant (one transaction, a bulk import): same updated_at.
    await db.update(agentProfiles).set({ updatedAt: sql`now() + interval '1 hour'` });
    const engine = await matchingEngine(db);
    const upserts = vi.spyOn(engine, "upsertAgent");
    try {
      await matchingEngine(db);
      expect(upserts).not.toHaveBeenCalled();
      // A change after the watermark is still read, once.
      await db.update(agentProfiles).set({ hoursPerMonth: 7, updatedAt: sql`now() + interval '2 hours'` }).where(eq(agentProfiles.userId, camille.id));
      await matchingEngine(db);
      await matchingEngine(db);
      expect(upserts.mock.calls.map(([agent]) => agent.id)).toEqual([camille.id]);
    } finally {
      upserts.mockRestore();
    }
  });

  it("construit l'index page par page : chaque profil y est, au-delà de la première page et à horodatage égal, sans relecture ensuite", async () => {
    const { db } = database();
    // More profiles than one page of the build (1,000), saved in the same instant (a bulk import).
    const imported = Array.from({ length: 2050 }, (_, i) => ({ id: crypto.randomUUID(), proconnectSub: `import-${i}`, idpId: "test", email: `import-${i}@example.gouv.fr` }));
    const last = imported.at(-1)!;
    await db.insert(users).values(imported);
    await db.insert(agentProfiles).values(
      imported.map((user) => ({
        userId: user.id,
        skills: [{ label: user === last ? "Xylographie" : "Tableur", level: "autonome" as const, conceptId: null }],
        presentation: user === last ? "Je grave des planches en xylographie pour les affiches." : "J'utilise un tableur.",
        hoursPerMonth: 4,
        updatedAt: sql`now() + interval '3 hours'`,
      })),
    );
    try {
      const engine = await matchingEngine(db);
      const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(agentProfiles);
      expect(engine.size).toBe(total!.n);
      const ranked = engine.rankAgentIds({ id: "m", title: "Graver une affiche", description: "Xylographie d'une affiche.", skills: [{ label: "Xylographie", required: true }], hours: 4, remote: true }, { top: 3 });
      expect(ranked[0]?.agentId).toBe(last.id);
      // The build's watermark is its last page's last profile: the next sync reads nothing again.
      const upserts = vi.spyOn(engine, "upsertAgent");
      try {
        expect(await matchingEngine(db)).toBe(engine);
        expect(upserts).not.toHaveBeenCalled();
      } finally {
        upserts.mockRestore();
      }
    } finally {
      await db.delete(users).where(inArray(users.id, imported.map((user) => user.id)));
    }
  });

  it("classe les missions d'un agent une fois par version de son profil et des missions publiées", async () => {
    const { db } = database();
    resetMissionsForAgent();
    const engine = await matchingEngine(db);
    const rankings = vi.spyOn(engine, "rankMissionsForAgent");
    const [original] = await db.select().from(agentProfiles).where(eq(agentProfiles.userId, camille.id));
    try {
      const first = await missionsForAgent(db, camille);
      const again = await missionsForAgent(db, camille);
      expect(again).toEqual(first);
      // Concurrent views share the one ranking too.
      await Promise.all([missionsForAgent(db, camille), missionsForAgent(db, camille)]);
      expect(rankings).toHaveBeenCalledTimes(1);
      const top = first!.missions[0]!;

      // A new publication: ranked again, and the new mission (a copy of the best one) is there.
      const [source] = await db.select().from(missions).where(eq(missions.id, top.missionId));
      const [copy] = await db
        .insert(missions)
        .values({ ...source!, id: undefined, title: `${source!.title} (bis)`, createdAt: new Date(), updatedAt: new Date() })
        .returning({ id: missions.id });
      const afterPublication = await missionsForAgent(db, camille);
      expect(rankings).toHaveBeenCalledTimes(2);
      expect(afterPublication!.missions.map((mission) => mission.missionId)).toContain(copy!.id);
      expect(afterPublication!.publishedCount).toBe(first!.publishedCount + 1);

      // A withdrawal: ranked again, the mission leaves the list.
      await db.update(missions).set({ state: "archivee", updatedAt: new Date() }).where(eq(missions.id, copy!.id));
      const afterWithdrawal = await missionsForAgent(db, camille);
      expect(rankings).toHaveBeenCalledTimes(3);
      expect(afterWithdrawal!.missions.map((mission) => mission.missionId)).not.toContain(copy!.id);

      // A profile change (same timestamp or not): ranked again with the new profile.
      await db
        .update(agentProfiles)
        .set({ skills: [{ label: "Composition florale", level: "expert", conceptId: null }], presentation: "Espaces verts.", updatedAt: new Date() })
        .where(eq(agentProfiles.userId, camille.id));
      // (Nothing of the published missions shares a word with it: no mission is even scored.)
      const afterEdit = await missionsForAgent(db, camille);
      expect(afterEdit!.missions).toEqual([]);
      expect(afterEdit!.advice.length).toBeGreaterThan(0);
    } finally {
      rankings.mockRestore();
      await db
        .update(agentProfiles)
        .set({ skills: original!.skills, presentation: original!.presentation, updatedAt: new Date() })
        .where(eq(agentProfiles.userId, camille.id));
    }
  });
});

import { count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { seedDemoData } from "@/server/db/seed";
import { administrations, agentProfiles, missions, skillConcepts, users } from "@/server/db/schema";
import { ledgerEntries } from "@/server/db/schema-compensation";
import { confirmedHours, consentRequests, missionCandidates } from "@/server/db/schema-parcours";
import { describeOnBothDatabases } from "./support/databases";

describeOnBothDatabases("données de démonstration", (database) => {
  async function counts() {
    const { db } = database();
    const [a] = await db.select({ n: count() }).from(administrations);
    const [u] = await db.select({ n: count() }).from(users);
    const [p] = await db.select({ n: count() }).from(agentProfiles);
    const [m] = await db.select({ n: count() }).from(missions);
    const [c] = await db.select({ n: count() }).from(skillConcepts);
    const [candidates] = await db.select({ n: count() }).from(missionCandidates);
    const [consents] = await db.select({ n: count() }).from(consentRequests);
    const [hours] = await db.select({ n: count() }).from(confirmedHours);
    const [entries] = await db.select({ n: count() }).from(ledgerEntries);
    return {
      administrations: a?.n,
      users: u?.n,
      profiles: p?.n,
      missions: m?.n,
      concepts: c?.n,
      candidates: candidates?.n,
      consents: consents?.n,
      confirmedHours: hours?.n,
      ledgerEntries: entries?.n,
    };
  }

  it("remplit la base : administrations, 40 agents, 12 missions dans divers états, référentiel, une activité passée", async () => {
    await seedDemoData(database().db);
    const figures = await counts();
    expect(figures.administrations).toBeGreaterThanOrEqual(10);
    expect(figures.profiles).toBe(40);
    expect(figures.missions).toBe(12);
    expect(figures.concepts).toBeGreaterThanOrEqual(150);
    const states = await database()
      .db.selectDistinct({ state: missions.state })
      .from(missions);
    expect(states.map((row) => row.state).sort()).toEqual(["a_modifier", "archivee", "brouillon", "en_cours", "publiee", "soumise", "terminee"]);
    expect(figures.candidates).toBeGreaterThan(0);
    expect(figures.confirmedHours).toBeGreaterThan(0);
    expect(figures.ledgerEntries).toBe(2 * figures.confirmedHours!);
  });

  it("ne change rien quand on la relance, même après une modification", async () => {
    const { db } = database();
    const before = await counts();
    const [mission] = await db.select().from(missions).limit(1);
    await db.update(missions).set({ title: "Titre modifié par l'utilisateur" }).where(eq(missions.id, mission!.id));
    await seedDemoData(db);
    expect(await counts()).toEqual(before);
    const [after] = await db.select().from(missions).where(eq(missions.id, mission!.id));
    expect(after?.title).toBe("Titre modifié par l'utilisateur");
  });
});

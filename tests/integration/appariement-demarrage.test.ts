import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { matchingEngine, matchingIndexStatus, resetMatchingEngine, warmMatchingIndex } from "@/features/appariement/engine-store";
import { missionsForAgent, rankPublishedMission } from "@/features/appariement/service";
import type { CurrentUser } from "@/server/auth/roles";
import { seedDemoData, seedUuid } from "@/server/db/seed";
import { missionSuggestions, missions } from "@/server/db/schema";
import { describeOnBothDatabases } from "./support/databases";

describeOnBothDatabases("index d'appariement prêt avant qu'on en ait besoin", (database) => {
  let publishedId: string;
  let camille: CurrentUser;

  beforeAll(async () => {
    await seedDemoData(database().db);
    const [mission] = await database().db.select().from(missions).where(eq(missions.state, "publiee")).limit(1);
    publishedId = mission!.id;
    camille = {
      id: seedUuid("user:demo-agent-camille"),
      email: "camille@exemple.gouv.fr",
      givenName: "Camille",
      usualName: "",
      displayName: "Camille",
      administrationId: null,
      administrationName: null,
      roles: ["agent"],
    };
  });

  it("a page does not wait for the build started at server start: it says the ranking is being prepared", async () => {
    const { db } = database();
    resetMatchingEngine();
    warmMatchingIndex(db);
    expect(await missionsForAgent(db, camille, 10)).toMatchObject({ preparing: true, missions: [] });
    expect(matchingIndexStatus()).toEqual({ ready: false, building: true });
    await matchingEngine(db);
    expect(matchingIndexStatus().ready).toBe(true);
    expect(await missionsForAgent(db, camille, 10)).toMatchObject({ preparing: false });
  });

  it("a publication does not wait for a build: the mission is ranked once the background build ends", async () => {
    const { db } = database();
    resetMatchingEngine();
    await db.delete(missionSuggestions).where(eq(missionSuggestions.missionId, publishedId));
    expect(await rankPublishedMission(db, publishedId)).toBe("later");
    expect(matchingIndexStatus().ready).toBe(false);
    await expect.poll(async () => (await db.select().from(missionSuggestions).where(eq(missionSuggestions.missionId, publishedId))).length, { timeout: 60_000 }).toBeGreaterThan(0);

    // Once built, a publication is ranked before the action answers.
    await db.delete(missionSuggestions).where(eq(missionSuggestions.missionId, publishedId));
    expect(await rankPublishedMission(db, publishedId)).toBe("now");
    expect((await db.select().from(missionSuggestions).where(eq(missionSuggestions.missionId, publishedId))).length).toBeGreaterThan(0);
  });
});

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { seedDemoData } from "@/server/db/seed";
import { missionSuggestions } from "@/server/db/schema";
import { missionCandidates } from "@/server/db/schema-parcours";
import { describeOnBothDatabases } from "./support/databases";

/** The migration that turned stored string reasons into {kind, text} objects (found by name: migrations get renumbered). */
function reasonsMigration(): string[] {
  const dir = path.resolve(__dirname, "../../drizzle");
  const file = readdirSync(dir).find((name) => name.endsWith("_match_reasons_as_objects.sql"));
  if (!file) throw new Error("migration match_reasons_as_objects introuvable");
  return readFileSync(path.join(dir, file), "utf8")
    .split("--> statement-breakpoint")
    .map((statement) => statement.trim())
    .filter(Boolean);
}

describeOnBothDatabases("raisons enregistrées en objets", (database) => {
  beforeAll(async () => {
    await seedDemoData(database().db);
  });

  it("convertit les raisons en texte d'avant en points forts, sans toucher aux objets", async () => {
    const { db } = database();
    const [candidate] = await db.select({ id: missionCandidates.id, missionId: missionCandidates.missionId, agentId: missionCandidates.agentId }).from(missionCandidates).limit(1);
    const mixed = [
      "Compétence recherchée « Power BI » présente dans le profil.",
      { kind: "reserve", text: "Sur place à Auch, l'agent est à Paris." },
    ];
    await db.update(missionCandidates).set({ reasons: sql`${JSON.stringify(mixed)}::jsonb` }).where(eq(missionCandidates.id, candidate!.id));
    await db
      .insert(missionSuggestions)
      .values({ missionId: candidate!.missionId, agentId: candidate!.agentId, engineRank: 1, score: 0.5, reasons: sql`'["Mots : « SQL »"]'::jsonb` })
      .onConflictDoUpdate({ target: [missionSuggestions.missionId, missionSuggestions.agentId], set: { reasons: sql`'["Mots : « SQL »"]'::jsonb` } });
    for (const statement of reasonsMigration()) await db.execute(sql.raw(statement));
    const [converted] = await db.select({ reasons: missionCandidates.reasons }).from(missionCandidates).where(eq(missionCandidates.id, candidate!.id));
    expect(converted!.reasons).toEqual([
      { kind: "force", text: "Compétence recherchée « Power BI » présente dans le profil." },
      { kind: "reserve", text: "Sur place à Auch, l'agent est à Paris." },
    ]);
    const [suggestion] = await db
      .select({ reasons: missionSuggestions.reasons })
      .from(missionSuggestions)
      .where(sql`${missionSuggestions.missionId} = ${candidate!.missionId} and ${missionSuggestions.agentId} = ${candidate!.agentId}`);
    expect(suggestion!.reasons).toEqual([{ kind: "force", text: "Mots : « SQL »" }]);
  });
});

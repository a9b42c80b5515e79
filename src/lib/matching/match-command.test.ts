import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

describe("`match` command", () => {
  it("prints one JSON line per mission, best first, and nothing else", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "match-"));
    const agents = [
      { id: "a1", administration: "Ville de Caen", skills: ["RGPD", "DPO"], bio: "Déléguée à la protection des données, je tiens le registre des traitements.", hoursPerMonth: 5, remote: true, location: "Caen" },
      { id: "a2", administration: "Ville de Caen", skills: ["Excel", "TCD"], bio: "Formatrice bureautique.", hoursPerMonth: 3, remote: false, location: "Caen" },
      { id: "a3", administration: "Région Bretagne", skills: ["GDPR", "privacy"], bio: "Juriste data protection.", hoursPerMonth: 4, remote: true, location: "Rennes" },
    ];
    const missions = [
      { id: "x1", administration: "Mairie de Vire", title: "Mise en conformité RGPD", description: "Tenir le registre des traitements et rédiger les mentions d'information.", skills: ["RGPD", "registre des traitements"], hours: 10, remote: true, location: "Vire" },
      { id: "x2", administration: "Mairie de Vire", title: "Formation Excel", description: "Former des agents aux tableaux croisés dynamiques.", skills: ["Excel", "TCD"], hours: 6, remote: false, location: "Caen" },
    ];
    writeFileSync(path.join(dir, "agents.jsonl"), agents.map((a) => JSON.stringify(a)).join("\n") + "\n");
    writeFileSync(path.join(dir, "missions.jsonl"), missions.map((m) => JSON.stringify(m)).join("\n") + "\n");
    const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");
    const result = spawnSync(tsx, ["scripts/match.ts", "--agents", path.join(dir, "agents.jsonl"), "--missions", path.join(dir, "missions.jsonl"), "--top", "2"], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.split("\n").filter((l) => l.length > 0);
    expect(lines).toHaveLength(2);
    const rows = lines.map((l) => JSON.parse(l) as { missionId: string; candidates: { agentId: string; score: number; reasons: string[] }[] });
    expect(rows.map((r) => r.missionId)).toEqual(["x1", "x2"]);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(["candidates", "missionId"]);
      expect(row.candidates.length).toBeLessThanOrEqual(2);
      for (const c of row.candidates) {
        expect(Object.keys(c).sort()).toEqual(["agentId", "reasons", "score"]);
        expect(c.score).toBeGreaterThanOrEqual(0);
        expect(c.score).toBeLessThanOrEqual(1);
        expect(c.reasons.length).toBeLessThanOrEqual(3);
        expect(c.reasons.every((r) => typeof r === "string" && /^(Point fort|Point d'attention) : /.test(r))).toBe(true);
      }
      for (let i = 1; i < row.candidates.length; i++) expect(row.candidates[i - 1]!.score).toBeGreaterThanOrEqual(row.candidates[i]!.score);
    }
    expect(rows[0]!.candidates.map((c) => c.agentId).sort()).toEqual(["a1", "a3"]);
    expect(rows[1]!.candidates[0]!.agentId).toBe("a2");
  });
});

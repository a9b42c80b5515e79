/**
 * Regression floor on the development set (../shared/matching-dev next to the repository).
 * Computes nDCG@10 (gain 2^grade - 1) and P@5 (grade ≥ 2) itself, like score.mjs.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createMatchingEngine, type MatchAgent, type MatchMission } from "./index";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const devDir = path.resolve(repoRoot, "../shared/matching-dev");
const available = existsSync(path.join(devDir, "qrels.tsv"));

const readJsonl = <T>(file: string): T[] =>
  readFileSync(path.join(devDir, file), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as T);

describe("dev set regression floor", () => {
  if (!available) it.skip(`skipped: no dev set at ${devDir}`, () => {});
  it.skipIf(!available)("keeps nDCG@10 ≥ 0.92 and P@5 ≥ 0.79", () => {
    const agents = readJsonl<MatchAgent>("agents.jsonl");
    const missions = readJsonl<MatchMission>("missions.jsonl");
    const qrels = new Map<string, Map<string, number>>();
    for (const line of readFileSync(path.join(devDir, "qrels.tsv"), "utf8").split("\n").filter((l) => l.trim())) {
      const [missionId, agentId, grade] = line.split("\t");
      if (!qrels.has(missionId!)) qrels.set(missionId!, new Map());
      qrels.get(missionId!)!.set(agentId!, Number(grade));
    }
    const engine = createMatchingEngine(agents);
    const dcg = (gains: number[]) => gains.slice(0, 10).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
    let ndcgSum = 0;
    let p5Sum = 0;
    for (const mission of missions) {
      const judged = qrels.get(mission.id) ?? new Map<string, number>();
      const gains = engine.rankAgents(mission, { top: 20 }).map((c) => judged.get(c.agentId) ?? 0);
      const ideal = [...judged.values()].sort((a, b) => b - a);
      ndcgSum += dcg(ideal) ? dcg(gains) / dcg(ideal) : 0;
      p5Sum += gains.slice(0, 5).filter((g) => g >= 2).length / 5;
    }
    const ndcg10 = ndcgSum / missions.length;
    const p5 = p5Sum / missions.length;
    console.log(`dev set: nDCG@10 ${ndcg10.toFixed(4)}, P@5 ${p5.toFixed(4)}`);
    expect(ndcg10).toBeGreaterThanOrEqual(0.92);
    expect(p5).toBeGreaterThanOrEqual(0.79);
  });
});

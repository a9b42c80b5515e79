/**
 * Shared by the regression floors of the judged sets beside the repository (../shared/matching-*):
 * reads a set and computes nDCG@10 (gain 2^grade - 1) and P@5 (grade ≥ 2) like their score.mjs.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createMatchingEngine, type MatchAgent, type MatchMission } from "./index";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

export function judgedSetDir(name: string): { dir: string; available: boolean } {
  const dir = path.resolve(repoRoot, "../shared", name);
  return { dir, available: existsSync(path.join(dir, "qrels.tsv")) };
}

export function measureJudgedSet(dir: string): { ndcg10: number; p5: number } {
  const readJsonl = <T>(file: string): T[] =>
    readFileSync(path.join(dir, file), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as T);
  const agents = readJsonl<MatchAgent>("agents.jsonl");
  const missions = readJsonl<MatchMission>("missions.jsonl");
  const qrels = new Map<string, Map<string, number>>();
  for (const line of readFileSync(path.join(dir, "qrels.tsv"), "utf8").split("\n").filter((l) => l.trim())) {
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
  return { ndcg10: ndcgSum / missions.length, p5: p5Sum / missions.length };
}

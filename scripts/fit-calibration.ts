/**
 * Refits the score calibration (CALIBRATION in src/lib/matching/score.ts) on judged sets, and prints
 * what the fit labels mean on every (mission, agent) pair: the rows of the table in docs/MATCHING.md.
 *   npx tsx scripts/fit-calibration.ts ../shared/matching-dev ../shared/matching-longtail
 * The target is "DINUM judges the pair a good or excellent fit" (grade ≥ 2); unjudged pairs are grade 0.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createMatchingEngine, fitLevel, type MatchAgent, type MatchMission } from "../src/lib/matching";
import { CALIBRATION } from "../src/lib/matching/score";

const dirs = process.argv.slice(2);
if (!dirs.length) {
  process.stderr.write("usage: npx tsx scripts/fit-calibration.ts DATA_DIR [DATA_DIR…]\n");
  process.exit(2);
}
const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

/** The relevance behind a calibrated score (the logistic is monotone, so it inverts). */
const relevanceOf = (score: number) => {
  const s = Math.min(1 - 1e-6, Math.max(1e-6, score));
  return (Math.log(s / (1 - s)) - CALIBRATION.intercept) / CALIBRATION.slope;
};

interface Pair {
  relevance: number;
  score: number;
  grade: number;
}
const pairsBySet = new Map<string, Pair[]>();
for (const dir of dirs) {
  const agents = readJsonl<MatchAgent>(path.join(dir, "agents.jsonl"));
  const missions = readJsonl<MatchMission>(path.join(dir, "missions.jsonl"));
  const grades = new Map<string, number>();
  for (const line of readFileSync(path.join(dir, "qrels.tsv"), "utf8").split("\n").filter(Boolean)) {
    const [m, a, g] = line.split("\t");
    grades.set(`${m}\t${a}`, Number(g));
  }
  const engine = createMatchingEngine(agents);
  const pairs: Pair[] = [];
  for (const mission of missions) {
    const ranked = engine.rankAgentIds(mission, { top: agents.length });
    const seen = new Set(ranked.map((c) => c.agentId));
    for (const c of ranked) pairs.push({ relevance: relevanceOf(c.score), score: c.score, grade: grades.get(`${mission.id}\t${c.agentId}`) ?? 0 });
    for (const a of agents) if (!seen.has(a.id)) pairs.push({ relevance: 0, score: 0, grade: grades.get(`${mission.id}\t${a.id}`) ?? 0 });
  }
  pairsBySet.set(path.basename(dir), pairs);
}

// Logistic regression of (grade ≥ 2) on relevance, by Newton's method.
const all = [...pairsBySet.values()].flat();
let [slope, intercept] = [CALIBRATION.slope, CALIBRATION.intercept];
for (let iteration = 0; iteration < 50; iteration++) {
  let [g0, g1, h00, h01, h11] = [0, 0, 0, 0, 0];
  for (const { relevance: x, grade } of all) {
    const p = 1 / (1 + Math.exp(-(slope * x + intercept)));
    const y = grade >= 2 ? 1 : 0;
    const w = p * (1 - p);
    g0 += (p - y) * x;
    g1 += p - y;
    h00 += w * x * x;
    h01 += w * x;
    h11 += w;
  }
  const det = h00 * h11 - h01 * h01;
  if (Math.abs(det) < 1e-12) break;
  slope -= (h11 * g0 - h01 * g1) / det;
  intercept -= (h00 * g1 - h01 * g0) / det;
}
console.log(`fit on ${all.length} pairs: slope ${slope.toFixed(2)}, intercept ${intercept.toFixed(2)} (in use: ${CALIBRATION.slope}, ${CALIBRATION.intercept})`);

const pct = (n: number, d: number) => (d ? `${Math.round((100 * n) / d)} %` : "—");
console.log("| set | « bon »: grade ≥ 2 / ≥ 1 | « possible »: grade ≥ 2 / ≥ 1 | « faible »: grade ≥ 1 | good fits (grade ≥ 2) labelled bon / bon or possible |");
console.log("|---|---|---|---|---|");
for (const [name, pairs] of pairsBySet) {
  const level = (p: Pair) => fitLevel(p.score);
  const bon = pairs.filter((p) => level(p) === "bon");
  const possible = pairs.filter((p) => level(p) === "possible");
  const faible = pairs.filter((p) => level(p) === "faible");
  const good = pairs.filter((p) => p.grade >= 2);
  console.log(
    `| ${name} | ${pct(bon.filter((p) => p.grade >= 2).length, bon.length)} / ${pct(bon.filter((p) => p.grade >= 1).length, bon.length)} (${bon.length} pairs) ` +
      `| ${pct(possible.filter((p) => p.grade >= 2).length, possible.length)} / ${pct(possible.filter((p) => p.grade >= 1).length, possible.length)} (${possible.length}) ` +
      `| ${pct(faible.filter((p) => p.grade >= 1).length, faible.length)} (${faible.length}) ` +
      `| ${pct(good.filter((p) => level(p) === "bon").length, good.length)} / ${pct(good.filter((p) => level(p) !== "faible").length, good.length)} |`,
  );
}

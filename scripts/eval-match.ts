/**
 * Compares the engine with the reference BM25F on a judged set (format of matching-dev/), per
 * mission and per mission family (the référentiel family of the strongest concept of the mission's
 * own tags; « hors référentiel » when they name none).
 *   npx tsx scripts/eval-match.ts ../shared/matching-longtail [--per] [--baseline ../shared/matching-dev/baseline-bm25f.mjs]
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createMatchingEngine, getDefaultReferentiel, type MatchAgent, type MatchMission } from "../src/lib/matching";
import { analyzeMission } from "../src/lib/matching/score";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--"));
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
if (!dir) {
  process.stderr.write("usage: npx tsx scripts/eval-match.ts DATA_DIR [--per] [--baseline FILE]\n");
  process.exit(2);
}
const baselineFile = option("baseline") ?? path.join(dir, "..", "matching-dev", "baseline-bm25f.mjs");
const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

const agentsFile = path.join(dir, "agents.jsonl");
const missionsFile = path.join(dir, "missions.jsonl");
const agents = readJsonl<MatchAgent>(agentsFile);
const missions = readJsonl<MatchMission>(missionsFile);
const qrels = new Map<string, Map<string, number>>();
for (const line of readFileSync(path.join(dir, "qrels.tsv"), "utf8").split("\n").filter(Boolean)) {
  const [m, a, g] = line.split("\t");
  if (!qrels.has(m!)) qrels.set(m!, new Map());
  qrels.get(m!)!.set(a!, Number(g));
}

const dcg = (gains: number[], k: number) => gains.slice(0, k).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
function measure(missionId: string, ranked: string[]) {
  const judged = qrels.get(missionId) ?? new Map<string, number>();
  const gains = ranked.map((a) => judged.get(a) ?? 0);
  const ideal = [...judged.values()].sort((x, y) => y - x);
  return { ndcg10: dcg(ideal, 10) ? dcg(gains, 10) / dcg(ideal, 10) : 0, p5: gains.slice(0, 5).filter((g) => g >= 2).length / 5 };
}

const engine = createMatchingEngine(agents);
const ours = new Map(missions.map((m) => [m.id, engine.rankAgentIds(m, { top: 20 }).map((c) => c.agentId)]));
let theirs: Map<string, string[]> | null = null;
if (existsSync(baselineFile)) {
  const run = spawnSync("node", [baselineFile, "--agents", agentsFile, "--missions", missionsFile, "--top", "20"], { encoding: "utf8", maxBuffer: 1 << 28 });
  theirs = new Map(
    run.stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { missionId: string; candidates: { agentId: string }[] })
      .map((r) => [r.missionId, r.candidates.map((c) => c.agentId)]),
  );
}

const referentiel = getDefaultReferentiel();
function familyOf(mission: MatchMission): string {
  const ownTags = analyzeMission(referentiel, { ...mission, title: "", description: "" });
  let best = -1;
  let bestWeight = 0;
  for (const aspect of ownTags.aspects) {
    const [index] = aspect.concepts.keys();
    if (index !== undefined && aspect.weight > bestWeight) [best, bestWeight] = [index, aspect.weight];
  }
  return best < 0 ? "hors référentiel" : referentiel.families[referentiel.familyOfConcept[best]!]!.label;
}

const rows = missions.map((m) => ({ id: m.id, family: familyOf(m), engine: measure(m.id, ours.get(m.id)!), bm25f: theirs ? measure(m.id, theirs.get(m.id) ?? []) : null }));
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
const f = (x: number) => x.toFixed(3);
const summary = (list: typeof rows) =>
  `nDCG@10 ${f(mean(list.map((r) => r.engine.ndcg10)))} P@5 ${f(mean(list.map((r) => r.engine.p5)))}` +
  (theirs ? `   | BM25F ${f(mean(list.map((r) => r.bm25f!.ndcg10)))} / ${f(mean(list.map((r) => r.bm25f!.p5)))}` : "");
console.log(`${path.basename(dir)} (${rows.length} missions): ${summary(rows)}`);
const families = [...new Set(rows.map((r) => r.family))].sort();
for (const family of families) {
  const list = rows.filter((r) => r.family === family);
  const behind = theirs && mean(list.map((r) => r.engine.ndcg10)) < mean(list.map((r) => r.bm25f!.ndcg10)) - 1e-9 ? "  ← below BM25F" : "";
  console.log(`  ${family} (${list.length}): ${summary(list)}${behind}`);
}
if (args.includes("--per")) {
  for (const r of rows) {
    const delta = r.bm25f ? r.engine.ndcg10 - r.bm25f.ndcg10 : 0;
    console.log(`  ${r.id} ${r.family.padEnd(40)} ${f(r.engine.ndcg10)} ${f(r.engine.p5)}` + (r.bm25f ? `  BM25F ${f(r.bm25f.ndcg10)} ${f(r.bm25f.p5)}  Δ ${delta >= 0 ? "+" : ""}${f(delta)}` : ""));
  }
}

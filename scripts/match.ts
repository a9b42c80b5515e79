/**
 * Ranks agents for each mission of JSONL files (format of matching-dev/).
 *   npm run --silent match -- --agents FILE --missions FILE [--top K]
 * Prints one JSON line per mission, {"missionId","candidates":[{"agentId","score","reasons"}]},
 * best first, and nothing else on stdout (each reason a string « Point fort : … » or
 * « Point d'attention : … »).
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createMatchingEngine, REASON_KIND_LABELS, type MatchAgent, type MatchMission } from "../src/lib/matching";

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

const agentsFile = option("agents");
const missionsFile = option("missions");
const top = Number(option("top") ?? 20);
if (!agentsFile || !missionsFile || !Number.isFinite(top) || top < 1) {
  process.stderr.write("usage: npm run --silent match -- --agents FILE --missions FILE [--top K] [--timing]\n");
  process.exit(2);
}

const started = performance.now();
const engine = createMatchingEngine(readJsonl<MatchAgent>(agentsFile));
const buildMs = performance.now() - started;
const lines: string[] = [];
const times: number[] = [];
for (const mission of readJsonl<MatchMission>(missionsFile)) {
  const start = performance.now();
  // Reasons as plain strings, each led by its kind, so that the line stays readable as before.
  const candidates = engine
    .rankAgents(mission, { top })
    .map((c) => ({ agentId: c.agentId, score: c.score, reasons: c.reasons.map((r) => `${REASON_KIND_LABELS[r.kind]} : ${r.text}`) }));
  lines.push(JSON.stringify({ missionId: mission.id, candidates }));
  times.push(performance.now() - start);
}
process.stdout.write(lines.join("\n") + (lines.length ? "\n" : ""));
// --timing: the reference BM25F's figures on stderr, for a comparison in the same run (bench:match --versus-bm25f).
if (process.argv.includes("--timing")) {
  times.sort((a, b) => a - b);
  const median = times.length ? times[times.length >> 1]! : 0;
  process.stderr.write(JSON.stringify({ engine: "matching", agents: engine.size, missions: times.length, buildMs: Math.round(buildMs), rankMedianMs: +median.toFixed(2) }) + "\n");
}

/**
 * Benchmark of the matching engine on synthetic profiles.
 *   npm run bench:match [-- --n 100000 --queries 200 --tfidf-subset 10000 --threads 2 --engine-only]
 *   npm run bench:match -- --versus-bm25f ../shared/matching-dev/baseline-bm25f.mjs [--n 100000 --queries 200]
 *     (`npm run match` end to end, reasons included, against the reference BM25F on the same files)
 * Profiles are generated from the référentiel and the word lists below (not from any evaluation set).
 * Reports index build time, ranking time per mission (median, p95), single profile update time and
 * index memory, and the same data through minisearch and natural's TfIdf, as ratios.
 */
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import MiniSearch from "minisearch";
import TfIdf from "natural/lib/natural/tfidf/tfidf";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { analyzeText, createMatchingEngine, REFERENTIEL_CONCEPTS, type MatchAgent, type MatchMission } from "../src/lib/matching";
import { buildMatchingEngine } from "../src/lib/matching/parallel-build";

function option(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const N = option("n", 100_000);
const QUERIES = option("queries", 200);
const TFIDF_SUBSET = Math.min(N, option("tfidf-subset", 10_000));
const UPDATES = 1000;
// Worker threads beside the main one, which takes part (the application's default).
const THREADS = option("threads", Math.max(1, Math.min(3, availableParallelism() - 1)));

// Deterministic pseudo-random generator, so that runs are comparable.
let seed = 20240601;
function random(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const pickSome = <T>(items: readonly T[], count: number): T[] => Array.from({ length: count }, () => pick(items));

const ADMINISTRATIONS = [
  "Préfecture du Nord", "Ville de Nantes", "Département de la Gironde", "Région Occitanie", "CHU de Montpellier",
  "Ministère de la Justice — SNUM", "DDFiP du Var", "Université de Rennes", "Rectorat de Lyon", "DREAL Bretagne",
  "Caisse nationale d'assurance maladie", "Météo-France", "INSEE", "DINUM", "Ministère des Armées", "Métropole de Lille",
  "Conseil départemental de l'Hérault", "Agence régionale de santé Grand Est", "France Travail", "Ville de Marseille",
];
const CITIES = ["Paris", "Lyon", "Marseille", "Toulouse", "Nantes", "Lille", "Rennes", "Bordeaux", "Strasbourg", "Montpellier", "Dijon", "Caen", "Tours", "Limoges", "Brest", "Metz", "Amiens", "Poitiers"];
const ROLES = [
  "Chargé de mission", "Ingénieure", "Technicien", "Cheffe de projet", "Attaché d'administration", "Administrateur",
  "Gestionnaire", "Responsable de service", "Chargée d'études", "Consultant interne", "Adjoint administratif", "Développeuse",
];
const SERVICES = [
  "au service informatique", "à la direction du numérique", "au secrétariat général", "à la direction des systèmes d'information",
  "au bureau des affaires juridiques", "à la direction de la communication", "au service des ressources humaines",
  "à la direction des finances", "au pôle données", "au service des usages numériques",
];
const EXPERIENCE = [
  "J'ai conduit plusieurs projets autour de {s} pour des services très différents.",
  "Au quotidien, je travaille sur {s} et j'accompagne les équipes métier.",
  "J'ai mis en place {s} dans ma structure et rédigé la documentation associée.",
  "Depuis cinq ans, je m'occupe de {s} avec une petite équipe.",
  "J'ai formé une dizaine de collègues à {s}.",
  "Je peux aider une autre administration sur {s}, à distance ou sur place.",
  "Mon expérience porte surtout sur {s}, avec un goût pour les sujets concrets.",
];
const FILLER = [
  "J'aime transmettre et laisser une équipe autonome.",
  "Je suis disponible quelques heures par mois.",
  "Je préfère les missions courtes et bien cadrées.",
  "Je travaille en lien étroit avec les usagers et les partenaires du territoire.",
  "Je rédige toujours une procédure claire à la fin d'une intervention.",
  "J'ai l'habitude des réunions avec les directions et les élus.",
];
const NEEDS = [
  "Nous recherchons un agent expérimenté pour nous aider sur {s}.",
  "Notre équipe est réduite et personne n'a l'expérience de {s}.",
  "La mission consiste à faire un état des lieux, proposer un plan d'action et accompagner sa mise en œuvre sur {s}.",
  "Un appui ponctuel sur {s} permettrait de sécuriser le calendrier du projet.",
  "Nous souhaitons que deux agents soient formés aux gestes courants liés à {s}.",
  "Le service utilise déjà quelques outils mais manque de méthode sur {s}.",
];

const digitalConcepts = REFERENTIEL_CONCEPTS.filter((c) => c.family !== "hors-numerique");
const families = [...new Set(digitalConcepts.map((c) => c.family))];
const byFamily = new Map(families.map((f) => [f, digitalConcepts.filter((c) => c.family === f)]));
const formsOf = (c: (typeof digitalConcepts)[number]) => [c.label, ...c.synonyms, ...c.acronyms, ...c.english];

function skillsFor(count: number): { tags: string[]; phrases: string[] } {
  const family = pick(families);
  const pool = [...byFamily.get(family)!, ...byFamily.get(pick(families))!];
  const concepts = pickSome(pool, count);
  return { tags: concepts.map((c) => pick(formsOf(c))), phrases: concepts.map((c) => pick(formsOf(c)).toLowerCase()) };
}

function makeAgent(i: number): MatchAgent {
  const { tags, phrases } = skillsFor(3 + Math.floor(random() * 3));
  const sentences = [`${pick(ROLES)} ${pick(SERVICES)} (${pick(ADMINISTRATIONS)}).`];
  for (const phrase of phrases.slice(0, 3)) sentences.push(pick(EXPERIENCE).replace("{s}", phrase));
  sentences.push(pick(FILLER), pick(FILLER));
  return {
    id: `s${i}`,
    administration: pick(ADMINISTRATIONS),
    skills: tags,
    bio: sentences.join(" "),
    hoursPerMonth: 2 + Math.floor(random() * 14),
    remote: random() < 0.7,
    location: pick(CITIES),
    paused: random() < 0.03,
  };
}

function makeMission(i: number): MatchMission {
  const { tags, phrases } = skillsFor(4 + Math.floor(random() * 2));
  const sentences = [`${pick(ADMINISTRATIONS)} engage un projet de modernisation ${pick(SERVICES)}.`];
  for (const phrase of phrases) sentences.push(pick(NEEDS).replace("{s}", phrase));
  sentences.push(pick(FILLER), "La mission se déroulera sur deux mois avec des points d'étape réguliers en visioconférence.");
  return {
    id: `q${i}`,
    administration: pick(ADMINISTRATIONS),
    title: `Appui sur ${phrases[0]} et ${phrases[1]}`,
    description: sentences.join(" "),
    skills: tags,
    hours: 6 + Math.floor(random() * 35),
    remote: random() < 0.7,
    location: pick(CITIES),
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const ms = (x: number) => `${x.toFixed(x < 10 ? 3 : 1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
function usedMemory(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

console.log(`Synthetic profiles: ${N.toLocaleString("fr-FR")}; queries: ${QUERIES} whole missions; machine: ${process.arch}, Node ${process.version}`);
const agents = Array.from({ length: N }, (_, i) => makeAgent(i));
const missions = Array.from({ length: QUERIES }, (_, i) => makeMission(i));
const updates = Array.from({ length: UPDATES }, (_, i) => ({ ...makeAgent(i), id: `s${Math.floor(random() * N)}` }));

// ── --versus-bm25f FILE: `npm run match` end to end (reasons included) against the reference ──
// BM25F behind the same command-line contract, on the same generated files, in the same run.
const versusIndex = process.argv.indexOf("--versus-bm25f");
if (versusIndex >= 0) {
  const reference = process.argv[versusIndex + 1];
  if (!reference || !existsSync(reference)) {
    console.error(`--versus-bm25f: no reference ranker at ${reference ?? "(missing path)"}`);
    process.exit(2);
  }
  const dir = mkdtempSync(path.join(tmpdir(), "bench-match-"));
  const agentsFile = path.join(dir, "agents.jsonl");
  const missionsFile = path.join(dir, "missions.jsonl");
  writeFileSync(agentsFile, agents.map((a) => JSON.stringify(a)).join("\n") + "\n");
  writeFileSync(missionsFile, missions.map((m) => JSON.stringify(m)).join("\n") + "\n");
  const timing = (command: string, args: string[]) => {
    const run = spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 30 });
    if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${run.stderr}`);
    const line = run.stderr.trim().split("\n").reverse().find((l) => l.startsWith("{"));
    return JSON.parse(line ?? "{}") as { buildMs: number; rankMedianMs: number };
  };
  const common = ["--agents", agentsFile, "--missions", missionsFile, "--top", "20"];
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const ours = timing(tsx, ["scripts/match.ts", ...common, "--timing"]);
  const theirs = timing("node", [reference, ...common]);
  rmSync(dir, { recursive: true, force: true });
  console.log("\n== npm run match (reasons included) vs the reference BM25F, same files, same run");
  console.log(`npm run match:  build ${ms(ours.buildMs)}, per mission median ${ms(ours.rankMedianMs)}`);
  console.log(`reference BM25F: build ${ms(theirs.buildMs)}, per mission median ${ms(theirs.rankMedianMs)}`);
  console.log(`ratio engine / BM25F per mission: ${(ours.rankMedianMs / theirs.rankMedianMs).toFixed(3)}× (goal ≤ 0.2×)`);
  process.exit(0);
}

// ── This engine ────────────────────────────────────────────────────────────
// The build on worker threads (what the application does at this size) comes first, on cold
// caches, so that the single-thread build measured next gets no head start from it.
let start = performance.now();
let fellBack = false;
await buildMatchingEngine(agents, { threads: THREADS, onFallback: (error) => { fellBack = true; console.error("worker threads unavailable:", error); } });
const parallelBuildMs = performance.now() - start;

const memoryBefore = usedMemory();
start = performance.now();
const engine = createMatchingEngine(agents);
const buildMs = performance.now() - start;
const memoryAfter = usedMemory();

// Warm-up, then ranking with and without the French reasons of the returned candidates, in turn
// on each mission (so that both meet the same machine conditions).
for (const mission of missions.slice(0, 10)) {
  engine.rankAgents(mission, { top: 20 });
  engine.rankAgentIds(mission, { top: 20 });
}
const rankTimes: number[] = [];
const rankIdTimes: number[] = [];
for (const mission of missions) {
  start = performance.now();
  engine.rankAgents(mission, { top: 20 });
  rankTimes.push(performance.now() - start);
  start = performance.now();
  engine.rankAgentIds(mission, { top: 20 });
  rankIdTimes.push(performance.now() - start);
}
const updateTimes: number[] = [];
const afterUpdateTimes: number[] = [];
for (const [i, agent] of updates.entries()) {
  start = performance.now();
  engine.upsertAgent(agent);
  updateTimes.push(performance.now() - start);
  // The first ranking after a change recomputes the weights of the postings it reads.
  if (i % 20 === 0) {
    start = performance.now();
    engine.rankAgentIds(missions[i % missions.length]!, { top: 20 });
    afterUpdateTimes.push(performance.now() - start);
  }
}
// « Missions pour moi »: one agent against every published mission (1,000 here).
const published = Array.from({ length: 1000 }, (_, i) => makeMission(QUERIES + i));
engine.rankMissionsForAgent(agents[0]!, published, { top: 10 });
const forMeTimes: number[] = [];
for (const agent of agents.slice(1, 41)) {
  start = performance.now();
  engine.rankMissionsForAgent(agent, published, { top: 10 });
  forMeTimes.push(performance.now() - start);
}
const indexBytes = engine.memoryBytes();

console.log("\n== matching engine (inverted index on typed arrays)");
console.log(`index build, main thread + ${THREADS} worker thread${THREADS > 1 ? "s" : ""}: ${ms(parallelBuildMs)} (${(N / (parallelBuildMs / 1000)).toFixed(0)} profiles/s)${fellBack ? " — workers unavailable, built on one thread" : ""}`);
console.log(`index build, one thread: ${ms(buildMs)} (${(N / (buildMs / 1000)).toFixed(0)} profiles/s)`);
console.log(`rank one mission, top 20 with reasons: median ${ms(percentile(rankTimes, 50))}, p95 ${ms(percentile(rankTimes, 95))}`);
console.log(`rank one mission, top 20 ids only (no reasons): median ${ms(percentile(rankIdTimes, 50))}, p95 ${ms(percentile(rankIdTimes, 95))}`);
console.log(`single profile update:  median ${ms(percentile(updateTimes, 50))}, p95 ${ms(percentile(updateTimes, 95))}`);
console.log(`first ranking after an update (ids only): median ${ms(percentile(afterUpdateTimes, 50))}, p95 ${ms(percentile(afterUpdateTimes, 95))}`);
console.log(`« missions pour moi », 1,000 published missions: median ${ms(percentile(forMeTimes, 50))}, p95 ${ms(percentile(forMeTimes, 95))}`);
console.log(`index memory:           ${mb(indexBytes)} (typed arrays + dictionary, estimated); heap growth during build ${mb(memoryAfter - memoryBefore)} (includes the profiles kept for reasons)`);

if (process.argv.includes("--engine-only")) process.exit(0);

// ── minisearch (same texts, BM25 with tags boosted ×3) ───────────────────
interface MiniDoc { id: string; tags: string; bio: string }
start = performance.now();
const mini = new MiniSearch<MiniDoc>({ fields: ["tags", "bio"], storeFields: [], searchOptions: { boost: { tags: 3 } } });
mini.addAll(agents.map((a) => ({ id: a.id, tags: (a.skills as string[]).join(" "), bio: a.bio ?? "" })));
const miniBuildMs = performance.now() - start;
const miniTimes: number[] = [];
// minisearch is slow on whole descriptions (every word is a query term, OR-combined): 5 queries suffice.
for (const mission of missions.slice(0, 5)) {
  const text = `${mission.title} ${(mission.skills as string[]).join(" ")} ${mission.description ?? ""}`;
  start = performance.now();
  mini.search(text).slice(0, 20);
  miniTimes.push(performance.now() - start);
}
const miniUpdateTimes: number[] = [];
for (const agent of updates.slice(0, 200)) {
  start = performance.now();
  mini.discard(agent.id);
  mini.add({ id: agent.id, tags: (agent.skills as string[]).join(" "), bio: agent.bio ?? "" });
  miniUpdateTimes.push(performance.now() - start);
}
console.log("\n== minisearch 7 (BM25, default tokenizer, tags boosted ×3; 5 queries)");
console.log(`index build:            ${ms(miniBuildMs)}`);
console.log(`search one mission:     median ${ms(percentile(miniTimes, 50))}, p95 ${ms(percentile(miniTimes, 95))}`);
console.log(`single profile update:  median ${ms(percentile(miniUpdateTimes, 50))} (discard + add)`);

// ── natural TfIdf (naive loop over every document) ────────────────────────
const tfidf = new TfIdf();
const subset = agents.slice(0, TFIDF_SUBSET);
start = performance.now();
for (const agent of subset) tfidf.addDocument(analyzeText(`${(agent.skills as string[]).join(" ")} ${agent.bio ?? ""}`).terms, agent.id);
const tfidfBuildMs = performance.now() - start;
const tfidfTimes: number[] = [];
for (const mission of missions.slice(0, 20)) {
  const terms = analyzeText(`${mission.title} ${(mission.skills as string[]).join(" ")} ${mission.description ?? ""}`).terms;
  start = performance.now();
  tfidf.tfidfs(terms);
  tfidfTimes.push(performance.now() - start);
}
const scale = N / TFIDF_SUBSET;
const tfidfRank = percentile(tfidfTimes, 50) * scale;
console.log(`\n== natural TfIdf (tfidfs loop over all documents)${scale > 1 ? ` — run on ${TFIDF_SUBSET.toLocaleString("fr-FR")} profiles, extrapolated linearly ×${scale.toFixed(1)}` : ""}`);
console.log(`index build:            ${ms(tfidfBuildMs * scale)}${scale > 1 ? " (extrapolated)" : ""}`);
console.log(`rank one mission:       median ${ms(tfidfRank)}${scale > 1 ? " (extrapolated)" : ""}`);

// ── Ratios ────────────────────────────────────────────────────────────────
const ours = percentile(rankIdTimes, 50);
console.log("\n== ratios (ranking time per mission, median, this engine without reasons; >1 means this engine is faster)");
console.log(`minisearch / engine:    ${(percentile(miniTimes, 50) / ours).toFixed(1)}×`);
console.log(`natural TfIdf / engine: ${(tfidfRank / ours).toFixed(1)}×`);
console.log(`build: minisearch / engine ${(miniBuildMs / buildMs).toFixed(2)}×, TfIdf / engine ${((tfidfBuildMs * scale) / buildMs).toFixed(2)}×`);

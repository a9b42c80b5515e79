import { describe, expect, it } from "vitest";
import { createMatchingEngine, REFERENTIEL_CONCEPTS, type MatchAgent, type MatchMission } from "./index";
import { buildMatchingEngine, type ProfileBatches, type WorkerBuildReport } from "./parallel-build";

// A deterministic collection from the référentiel's forms.
let seed = 11;
const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const phrase = () => {
  const concept = pick(REFERENTIEL_CONCEPTS);
  return pick([concept.label, ...concept.synonyms, ...concept.acronyms]);
};
const agents: MatchAgent[] = Array.from({ length: 5000 }, (_, i) => ({
  id: `a${i}`,
  administration: pick(["Ville de Lyon", "DINUM", "CHU de Brest"]),
  skills: [{ label: phrase() }, { label: phrase(), level: pick(["notions", "autonome", "expert"] as const) }],
  bio: `Je travaille sur ${phrase()}. J'ai accompagné une équipe sur ${phrase()} et je me forme à ${phrase()}.`,
  hoursPerMonth: 1 + Math.floor(random() * 12),
  remote: random() < 0.7,
  location: pick(["Lyon", "Brest"]),
  paused: random() < 0.05,
}));
// The same profile twice: the later one replaces the earlier, as with upserts.
agents.push({ ...agents[3]!, bio: "Je pilote des projets de cybersécurité." });
const missions: MatchMission[] = Array.from({ length: 8 }, (_, i) => ({
  id: `m${i}`,
  title: `Appui sur ${phrase()}`,
  description: `Nous cherchons de l'aide sur ${phrase()} et ${phrase()}.`,
  skills: [{ label: phrase(), required: true }, { label: phrase(), required: false }],
  hours: 12,
  remote: true,
}));
const rankings = (engine: ReturnType<typeof createMatchingEngine>) => missions.map((m) => engine.rankAgentIds(m, { top: 30 }));

describe("index build on worker threads", () => {
  const single = createMatchingEngine(agents);

  it("builds the same engine as a single-threaded build", async () => {
    const fallbacks: unknown[] = [];
    const reports: WorkerBuildReport[] = [];
    const parallel = await buildMatchingEngine(agents, {
      threads: 2,
      minProfilesForWorkers: 0,
      onFallback: (error) => fallbacks.push(error),
      onBuilt: (report) => reports.push(report),
    });
    expect(fallbacks).toEqual([]);
    // Both workers started; the batches were shared between them and this thread.
    expect(reports).toEqual([{ workersStarted: 2, batches: 6, batchesOnWorkers: expect.any(Number) }]);
    expect(reports[0]!.batchesOnWorkers).toBeLessThanOrEqual(6);
    expect(parallel.size).toBe(single.size);
    expect(rankings(parallel)).toEqual(rankings(single));
    expect(parallel.rankAgents(missions[0]!, { top: 5 })).toEqual(single.rankAgents(missions[0]!, { top: 5 }));
  });

  it("builds the same engine from batches read one after the other, as pages of a database", async () => {
    // Batches of 700 as a database would give them page by page; the repeated profile comes in a later page.
    const pages = Array.from({ length: Math.ceil(agents.length / 700) }, (_, i) => agents.slice(i * 700, (i + 1) * 700));
    let opened = 0;
    const source: ProfileBatches = {
      total: agents.length,
      async *open() {
        opened++;
        for (const page of pages) yield page;
      },
    };
    const reports: WorkerBuildReport[] = [];
    const parallel = await buildMatchingEngine(source, {
      threads: 2,
      minProfilesForWorkers: 0,
      onBuilt: (report) => reports.push(report),
    });
    expect(opened).toBe(1);
    expect(reports[0]).toMatchObject({ workersStarted: 2, batches: pages.length });
    expect(parallel.size).toBe(single.size);
    expect(rankings(parallel)).toEqual(rankings(single));
    // On this thread too (below the workers' threshold), batch by batch.
    const sequential = await buildMatchingEngine(source, { minProfilesForWorkers: agents.length + 1 });
    expect(rankings(sequential)).toEqual(rankings(single));
  });

  it("takes the référentiel it is given to the workers", async () => {
    const concepts = REFERENTIEL_CONCEPTS.filter((c) => c.family !== "hors-numerique");
    const expected = createMatchingEngine(agents, { concepts });
    const parallel = await buildMatchingEngine(agents, { concepts, threads: 2, minProfilesForWorkers: 0 });
    expect(rankings(parallel)).toEqual(rankings(expected));
  });

  it("builds on this thread when the workers cannot start, and says so", async () => {
    const fallbacks: unknown[] = [];
    // A function cannot be sent to a worker thread: starting the workers fails.
    const concepts = REFERENTIEL_CONCEPTS.map((c, i) => (i === 0 ? { ...c, unsendable: () => c.id } : c));
    const engine = await buildMatchingEngine(agents, { concepts, threads: 2, minProfilesForWorkers: 0, onFallback: (error) => fallbacks.push(error) });
    expect(fallbacks).toHaveLength(1);
    expect(rankings(engine)).toEqual(rankings(createMatchingEngine(agents, { concepts })));
  });
});

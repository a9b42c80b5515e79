import { describe, expect, it } from "vitest";
import { createMatchingEngine, REFERENTIEL_CONCEPTS, type MatchAgent, type MatchMission } from "./index";

const mission: MatchMission = {
  id: "m-test",
  administration: "Préfecture du Cantal",
  title: "Durcissement d'un serveur Debian",
  description: "Appliquer les recommandations de l'ANSSI sur un serveur Linux exposé : SSH par clé, pare-feu, mises à jour de sécurité.",
  skills: [{ label: "sécurisation serveur Linux", required: true }, { label: "pare-feu", required: true }, { label: "Ansible", required: false }],
  hours: 16,
  remote: true,
  location: "Aurillac",
};

const agents: MatchAgent[] = [
  { id: "linux", administration: "Ville de Metz", skills: ["hardening", "Debian"], bio: "Sysadmin, je durcis des serveurs Linux (nftables, SSH par clé, fail2ban).", hoursPerMonth: 8, remote: true, location: "Metz" },
  { id: "reseau", administration: "CHU de Lyon", skills: ["pare-feu", "VLAN"], bio: "Ingénieur réseau : règles de filtrage Fortinet et segmentation.", hoursPerMonth: 4, remote: true, location: "Lyon" },
  { id: "route", administration: "Préfecture du Cantal", skills: ["sécurité routière"], bio: "Je coordonne les actions de sécurité routière du département.", hoursPerMonth: 6, remote: false, location: "Aurillac" },
  { id: "pause", administration: "DINUM", skills: ["hardening", "Linux", "pare-feu"], bio: "Expert en durcissement de serveurs Linux.", hoursPerMonth: 10, remote: true, location: "Paris", paused: true },
  { id: "wp", administration: "Ville de Tours", skills: ["WordPress", "PHP"], bio: "Webmestre, je maintiens les sites de la ville.", hoursPerMonth: 5, remote: true, location: "Tours" },
];

describe("scoring properties", () => {
  const engine = createMatchingEngine(agents);
  const ranking = engine.rankAgents(mission, { top: 10 });

  it("ranks the skilled profile first, scores in [0, 1], best first", () => {
    expect(ranking[0]?.agentId).toBe("linux");
    for (const c of ranking) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(1);
    }
    for (let i = 1; i < ranking.length; i++) expect(ranking[i - 1]!.score).toBeGreaterThanOrEqual(ranking[i]!.score);
  });

  it("never proposes a paused profile", () => {
    expect(ranking.some((c) => c.agentId === "pause")).toBe(false);
    engine.setPaused("pause", false);
    expect(engine.rankAgents(mission, { top: 10 }).some((c) => c.agentId === "pause")).toBe(true);
    engine.setPaused("pause", true);
    expect(engine.rankAgents(mission, { top: 10 }).some((c) => c.agentId === "pause")).toBe(false);
  });

  it("gives every candidate at most three reasons, strengths first, that name what matched", () => {
    for (const c of ranking) {
      expect(c.reasons.length).toBeGreaterThan(0);
      expect(c.reasons.length).toBeLessThanOrEqual(3);
      expect(c.details.skills.length, c.agentId).toBeGreaterThan(0);
      expect(c.reasons[0]!.kind).toBe("force");
      expect(c.explanation).toMatch(/adéquation/i);
    }
    const first = ranking[0]!;
    const text = first.reasons.map((r) => r.text).join(" ");
    // The mission's own skill, and the agent's own word for it.
    expect(text).toMatch(/sécurisation serveur Linux/);
    expect(text).toMatch(/hardening|durcis/);
  });

  it("states a caution when the mission is on site elsewhere", () => {
    const onSite = { ...mission, remote: false, location: "Aurillac" };
    const linux = engine.rankAgents(onSite, { top: 10 }).find((c) => c.agentId === "linux")!;
    expect(linux.reasons).toContainEqual({ kind: "reserve", text: "Sur place à Aurillac, l'agent est à Metz." });
  });

  it("knows the agent's own administration without excluding it", () => {
    const own = engine.rankAgents(mission, { top: 10 }).find((c) => c.agentId === "route");
    if (own) expect(own.details.sameAdministration).toBe(true);
  });

  it("keeps lexical distractors below the skilled profiles", () => {
    const position = (id: string) => ranking.findIndex((c) => c.agentId === id);
    const route = position("route");
    expect(route === -1 || route > position("linux")).toBe(true);
    expect(route === -1 || route > position("reseau")).toBe(true);
  });

  it("never lowers a score when a matched required skill is added to a profile", () => {
    const required = ["pare-feu", "sécurisation serveur Linux", "Debian"];
    for (const base of agents.filter((a) => !a.paused)) {
      for (const skill of required) {
        const engineBefore = createMatchingEngine(agents);
        const before = engineBefore.rankAgents(mission, { top: 10 }).find((c) => c.agentId === base.id)?.score ?? 0;
        const engineAfter = createMatchingEngine(agents);
        engineAfter.upsertAgent({ ...base, skills: [...(base.skills as string[]), skill] });
        const after = engineAfter.rankAgents(mission, { top: 10 }).find((c) => c.agentId === base.id)?.score ?? 0;
        expect(after, `${base.id} + ${skill}`).toBeGreaterThanOrEqual(before - 1e-9);
      }
    }
  });
});

describe("incremental index", () => {
  const missions: MatchMission[] = [
    mission,
    { id: "m-wp", title: "Mise à jour d'un site WordPress", description: "Mettre à jour les extensions et le thème du site de la ville.", skills: ["WordPress", "PHP"], hours: 20, remote: true, location: "Tours" },
  ];
  const strip = (engine: ReturnType<typeof createMatchingEngine>) =>
    missions.map((m) => engine.rankAgents(m, { top: 10 }).map((c) => [c.agentId, c.score]));

  it("gives the same rankings after add/update/remove as a rebuild", () => {
    const incremental = createMatchingEngine(agents.slice(0, 2));
    for (const agent of agents.slice(2)) incremental.upsertAgent(agent);
    incremental.upsertAgent({ ...agents[1]!, bio: "Ingénieur réseau, je sécurise aussi des serveurs Linux Debian." });
    incremental.upsertAgent({ id: "temp", skills: ["Linux"], bio: "Profil temporaire." });
    incremental.removeAgent("temp");
    incremental.removeAgent("wp");

    const finalAgents = agents.filter((a) => a.id !== "wp").map((a) => (a.id === agents[1]!.id ? { ...a, bio: "Ingénieur réseau, je sécurise aussi des serveurs Linux Debian." } : a));
    const rebuilt = createMatchingEngine(finalAgents);
    expect(strip(incremental)).toEqual(strip(rebuilt));
    expect(incremental.size).toBe(rebuilt.size);
    incremental.compact();
    expect(strip(incremental)).toEqual(strip(rebuilt));
  });

  it("ranks missions for one agent with the same engine (« missions pour moi »)", () => {
    const engine = createMatchingEngine(agents);
    const forMe = engine.rankMissionsForAgent(agents.find((a) => a.id === "wp")!, missions);
    expect(forMe[0]?.missionId).toBe("m-wp");
    expect(forMe[0]?.reasons.length).toBeGreaterThan(0);
    const forward = engine.rankAgents(missions[1]!, { top: 10 }).find((c) => c.agentId === "wp")!;
    expect(forMe[0]!.score).toBeCloseTo(forward.score, 3);
    expect(engine.rankMissionsForAgent({ ...agents[0]!, paused: true }, missions)).toEqual([]);
  });

  it("reads a mission again when its texts change under the same id", () => {
    const engine = createMatchingEngine(agents);
    const wordpress = missions[1]!;
    expect(engine.rankAgents(wordpress, { top: 1 })[0]?.agentId).toBe("wp");
    const rewritten = { ...mission, id: wordpress.id };
    expect(engine.rankAgents(rewritten, { top: 1 })[0]?.agentId).toBe("linux");
    expect(engine.rankAgents(wordpress, { top: 1 })[0]?.agentId).toBe("wp");
  });
});

describe("bulk ranking and explained scores", () => {
  // A deterministic collection built from the référentiel, large enough for long postings.
  let seed = 7;
  const random = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const concepts = REFERENTIEL_CONCEPTS;
  const phrase = () => {
    const c = pick(concepts);
    return pick([c.label, ...c.synonyms, ...c.acronyms]);
  };
  const cities = ["Lyon", "Nantes", "Brest", "Dijon"];
  const collection: MatchAgent[] = Array.from({ length: 400 }, (_, i) => ({
    id: `a${i}`,
    administration: pick(["Ville de Lyon", "DINUM", "CHU de Brest"]),
    skills: [phrase(), phrase(), phrase()],
    bio: `Je travaille sur ${phrase()} et ${phrase()}. J'ai aussi aidé une équipe sur ${phrase()}, à distance.`,
    hoursPerMonth: 1 + Math.floor(random() * 12),
    remote: random() < 0.7,
    location: pick(cities),
    paused: random() < 0.05,
  }));
  const queries: MatchMission[] = Array.from({ length: 12 }, (_, i) => ({
    id: `q${i}`,
    administration: "Ville de Lyon",
    title: `Appui sur ${phrase()}`,
    description: `Nous cherchons de l'aide sur ${phrase()} et ${phrase()} pour notre équipe.`,
    skills: [{ label: phrase(), required: true }, { label: phrase(), required: false }],
    hours: 10 + i,
    remote: i % 2 === 0,
    location: pick(cities),
    period: { start: "2026-01-01", end: "2026-03-01" },
  }));

  // Short queries reach few profiles (the index keeps a list of those touched); whole
  // descriptions reach most (the index scans them all): both paths must agree.
  queries.push(...concepts.slice(0, 6).map((c, i) => ({ id: `short${i}`, title: c.label, skills: [] })));

  it("gives the fast ids-only ranking the same agents and scores as the explained ranking", () => {
    const engine = createMatchingEngine(collection);
    // Updates move the collection statistics between queries.
    for (const agent of collection.slice(0, 30)) engine.upsertAgent({ ...agent, bio: `${agent.bio} Je suis aussi formé à ${phrase()}.` });
    for (const query of queries) {
      const explained = engine.rankAgents(query, { top: 15 });
      const fast = engine.rankAgentIds(query, { top: 15 });
      expect(explained.length).toBeGreaterThan(0);
      expect(fast.map((c) => c.score)).toEqual(explained.map((c) => c.score));
      expect(new Set(fast.map((c) => c.agentId))).toEqual(new Set(explained.map((c) => c.agentId)));
    }
  });
});

describe("an engine that keeps no profiles (the server reads back the few it explains)", () => {
  const lean = createMatchingEngine(agents, { keepProfiles: false });
  const full = createMatchingEngine(agents);

  it("ranks ids as the full engine does, and explains the profiles it is given with the same scores and reasons", () => {
    const ids = lean.rankAgentIds(mission, { top: 10 });
    expect(ids).toEqual(full.rankAgentIds(mission, { top: 10 }));
    const byId = new Map(agents.map((a) => [a.id, a]));
    const explained = lean.explainAgents(mission, ids.map((c) => byId.get(c.agentId)!), { top: 10 });
    expect(explained).toEqual(full.rankAgents(mission, { top: 10 }));
  });

  it("refuses rankAgents, which would have no texts to explain from", () => {
    expect(() => lean.rankAgents(mission)).toThrow(/keepProfiles/);
  });

  it("explains from the texts given, not from an earlier explanation of the same profile", () => {
    const linux = agents.find((a) => a.id === "linux")!;
    const first = lean.explainAgents(mission, [linux])[0]!;
    expect(first.reasons.map((r) => r.text).join(" ")).toMatch(/hardening|durcis/);
    const rewritten = { ...linux, skills: ["jardinage"], bio: "Je taille les haies du parc municipal." };
    const again = lean.explainAgents(mission, [rewritten])[0]!;
    expect(again.reasons.map((r) => r.text).join(" ")).not.toMatch(/hardening|durcis/);
    expect(again.score).toBeLessThan(first.score);
  });

  it("leaves out a profile paused since the shortlist", () => {
    const linux = agents.find((a) => a.id === "linux")!;
    expect(lean.explainAgents(mission, [{ ...linux, paused: true }])).toEqual([]);
  });
});

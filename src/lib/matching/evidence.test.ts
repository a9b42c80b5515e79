import { describe, expect, it } from "vitest";
import { createMatchingEngine, getDefaultReferentiel, type MatchAgent, type MatchMission } from "./index";
import { analyzeMission } from "./score";

const recolement: MatchMission = {
  id: "recolement",
  title: "Récolement décennal",
  description: "Préparer le récolement décennal des collections : former les personnes qui saisissent les fiches.",
  skills: ["récolement"],
};
const museum: MatchAgent = { id: "A", skills: ["récolement", "inventaire"], bio: "Chargée du récolement des collections du musée." };
const carer: MatchAgent = { id: "B", skills: ["accompagnement des personnes"], bio: "J'aide les personnes âgées et je forme les agents à l'accueil." };

describe("evidence is proportionate (issue 11)", () => {
  it("ranks the agent who does the mission's own niche skill above one who shares everyday words", () => {
    const ranking = createMatchingEngine([museum, carer]).rankAgents(recolement, { top: 2 });
    expect(ranking.map((c) => c.agentId)).toEqual(["A", "B"]);
    const first = ranking[0]!;
    expect(first.reasons.map((r) => r.text).join(" ")).toMatch(/récolement/);
    expect(first.fit).not.toBe("faible");
    const second = ranking[1]!;
    expect(second.reasons.map((r) => r.text).join(" ")).not.toMatch(/Recherche utilisateur/);
    expect(second.fit).toBe("faible");
  });
});

const analyze = (mission: MatchMission) => analyzeMission(getDefaultReferentiel(), mission);

describe("a concept counts from the description only on strong evidence", () => {
  it("reads no skill from one everyday word, but does from a multi-word label or an acronym", () => {
    const everyday = analyze({ id: "x", title: "Réorganiser l'accueil", description: "Former les personnes qui saisissent les fiches et générer les courriers.", skills: ["accueil"] });
    expect(everyday.aspects.filter((a) => a.inferred)).toEqual([]);
    const strong = analyze({ id: "y", title: "Refonte du site", description: "Le site doit respecter le RGPD et la protection des données personnelles.", skills: ["WordPress"] });
    expect(strong.aspects.some((a) => a.inferred && /RGPD|données personnelles/i.test(a.label))).toBe(true);
  });

  it("keeps a skill the description repeats", () => {
    const repeated = analyze({ id: "z", title: "Personas", description: "Construire des personas. Les personas guideront la refonte.", skills: ["refonte"] });
    expect(repeated.aspects.some((a) => a.inferred && /Recherche utilisateur/.test(a.label))).toBe(true);
  });
});

describe("the mission's own skills outrank what is inferred from its description", () => {
  const mission: MatchMission = {
    id: "m",
    title: "Carte des arrêts de bus",
    description: "Publier la carte des arrêts ; le site doit respecter le RGPD.",
    skills: ["Lizmap"],
  };
  const agents: MatchAgent[] = [
    { id: "dpo", skills: ["RGPD", "protection des données personnelles"], bio: "Déléguée à la protection des données, registre des traitements et AIPD." },
    { id: "lizmap", skills: ["Lizmap"], bio: "Je publie les projets QGIS de la ville sur notre portail Lizmap." },
  ];

  it("weighs an inferred skill less than a tag", () => {
    const { aspects } = analyze(mission);
    const tag = aspects.find((a) => !a.inferred)!;
    const inferred = aspects.find((a) => a.inferred)!;
    expect(inferred.weight).toBeLessThan(tag.weight);
  });

  it("ranks the agent who has the tag above the one who has only the inferred skill", () => {
    expect(createMatchingEngine(agents).rankAgents(mission).map((c) => c.agentId)).toEqual(["lizmap", "dpo"]);
  });
});

describe("a rare term shared by mission and profile is evidence, known to the référentiel or not", () => {
  const common = "Nous voulons des tableaux de suivi partagés par les agents du service, avec des droits par équipe.";
  const mission: MatchMission = { id: "m", title: "Outil de suivi des subventions", description: common, skills: ["Zorglubase"] };
  const agents: MatchAgent[] = [
    { id: "user", skills: ["suivi des subventions"], bio: "J'utilise les tableaux de suivi du service avec les agents de mon équipe, avec des droits partagés." },
    { id: "expert", skills: ["bases de données"], bio: "J'ai monté trois applications sur Zorglubase pour d'autres services." },
    ...Array.from({ length: 20 }, (_, i) => ({ id: `filler${i}`, skills: ["accueil"], bio: `Agent d'accueil numéro ${i} du service.` })),
  ];

  it("puts the profile that names the mission's unknown tool above one that shares many common words", () => {
    const ranking = createMatchingEngine(agents).rankAgents(mission, { top: 2 });
    expect(ranking[0]!.agentId).toBe("expert");
    expect(ranking[0]!.reasons[0]!.text).toMatch(/Zorglubase/);
  });
});

describe("vocabulary learned from the profiles", () => {
  it("reads a tag's typo as the word agents use", () => {
    const agents: MatchAgent[] = [
      { id: "forum", skills: ["Discourse", "modération"], bio: "J'administre un forum Discourse de 4 000 membres." },
      { id: "other", skills: ["modération"], bio: "Je modère les commentaires du site." },
    ];
    const mission: MatchMission = { id: "m", title: "Relancer notre forum", description: "Relancer le forum des référents.", skills: ["Discource"] };
    const first = createMatchingEngine(agents).rankAgents(mission)[0]!;
    expect(first.agentId).toBe("forum");
    expect(first.details.skills.find((s) => s.label === "Discource")?.evidence).toBeGreaterThan(0.5);
  });

  it("finds an agent who names the skill otherwise once other profiles pair both words", () => {
    const mission: MatchMission = { id: "m", title: "Une série sur nos métiers", description: "Enregistrer et monter six épisodes.", skills: ["podcast"] };
    const otherWords: MatchAgent = { id: "balado", skills: ["balado", "magazine radio"], bio: "Je produis des balados pour la radio locale." };
    const distractor: MatchAgent = { id: "video", skills: ["vidéo"], bio: "Je tourne des films institutionnels." };
    const others = Array.from({ length: 20 }, (_, i) => ({ id: `filler${i}`, skills: ["accueil"], bio: `Agent d'accueil numéro ${i}.` }));
    const before = createMatchingEngine([otherWords, distractor, ...others]);
    const rank = (engine: ReturnType<typeof createMatchingEngine>) => engine.rankAgentIds(mission, { top: 10 }).map((c) => c.agentId);
    expect(rank(before)).not.toContain("balado");
    const after = createMatchingEngine([
      otherWords,
      distractor,
      ...others,
      { id: "p1", skills: ["podcast", "balado"], bio: "Podcasts et balados pour le Département." },
      { id: "p2", skills: ["podcast"], bio: "Réalisatrice de balados, j'enregistre des podcasts." },
    ]);
    const ranking = rank(after);
    expect(ranking).toContain("balado");
    expect(ranking.indexOf("balado")).toBeLessThan(ranking.includes("video") ? ranking.indexOf("video") : Infinity);
  });
});

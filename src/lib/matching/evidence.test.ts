import { describe, expect, it } from "vitest";
import { createMatchingEngine, getDefaultReferentiel, type MatchAgent, type MatchMission } from "./index";
import { analyzeMission, capitalsAcronym, disjunctionAlternatives, parentheticalExpansion, SCORING, titleObject } from "./score";
import { analyzeText } from "./text";

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
    expect(second.explanation).toMatch(/ne montre pas les compétences demandées/);
    expect(first.score - second.score).toBeGreaterThan(0.5);
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

  it("reads a tool's name asked as a tag through the acronym of its capitals (« OpenStreetMap » → « OSM »)", () => {
    expect(capitalsAcronym("OpenStreetMap")).toEqual(["osm"]);
    expect(capitalsAcronym("Base Adresse Nationale")).toEqual(["ban"]);
    expect(capitalsAcronym("RGPD")).toEqual([]);
    expect(capitalsAcronym("WordPress")).toEqual([]);
    const mission: MatchMission = { id: "m", title: "Cartographier les trottoirs", description: "Enrichir la carte libre avec les habitants.", skills: ["OpenStreetMap"] };
    const mapper: MatchAgent = { id: "mapper", skills: ["adressage"], bio: "J'intègre les données de voirie de la métropole dans OSM." };
    const other: MatchAgent = { id: "other", skills: ["cartographie"], bio: "Je dessine les cartes des habitants." };
    const first = createMatchingEngine([mapper, other]).rankAgents(mission)[0]!;
    expect(first.agentId).toBe("mapper");
    expect(first.details.skills.find((s) => s.label === "OpenStreetMap")?.evidence).toBeGreaterThan(0.5);
  });

  it("reads an acronym asked as a tag the way the mission spells it out", () => {
    const mission: MatchMission = {
      id: "m",
      title: "Numéro unique pour nos maisons",
      description: "Nous voulons un serveur vocal interactif qui oriente l'appelant selon le motif de son appel.",
      skills: ["SVI"],
    };
    const spelledOut: MatchAgent = { id: "voix", skills: ["centre de contacts"], bio: "J'ai conçu l'arborescence du serveur vocal de la Métropole." };
    const caller: MatchAgent = { id: "accueil", skills: ["accueil"], bio: "J'oriente chaque appelant selon le motif de son appel." };
    const first = createMatchingEngine([spelledOut, caller]).rankAgents(mission)[0]!;
    expect(first.agentId).toBe("voix");
    expect(first.details.skills.find((s) => s.label === "SVI")?.evidence).toBeGreaterThan(0.3);
  });
});

describe("an acronym the mission defines in passing", () => {
  it("reads the words before « (HTR) » as the acronym's meaning, whatever language its letters come from", () => {
    const description = "Pour les manuscrits, nous envisageons la reconnaissance d'écriture manuscrite (HTR) avec un outil libre.";
    expect(parentheticalExpansion("HTR", ["Registres numérisés", description])).toEqual(["reconnaiss", "ecritur", "manuscrit"]);
    expect(parentheticalExpansion("HTR", ["Registres numérisés", "Transcrire les registres."])).toEqual([]);
    const mission: MatchMission = { id: "m", title: "Registres numérisés", description, skills: ["HTR"] };
    const reader: MatchAgent = { id: "reader", skills: ["Python"], bio: "J'entraîne des modèles de reconnaissance de l'écriture manuscrite sur des registres anciens." };
    const keeper: MatchAgent = { id: "keeper", skills: ["registres"], bio: "Je tiens les registres de la commune et je réponds aux demandes." };
    const ranking = createMatchingEngine([reader, keeper]).rankAgents(mission, { top: 2 });
    expect(ranking[0]!.agentId).toBe("reader");
    expect(ranking[0]!.details.skills.find((s) => s.label === "HTR")?.evidence).toBeGreaterThan(0.5);
  });
});

describe("tools the mission offers as alternatives to a tag", () => {
  const description = "Les doctorants gèrent leur bibliographie à la main. Zotero, JabRef ou Mendeley : l'équipe n'a pas d'a priori. Il faudra former les doctorants, puis les bibliothécaires et les chercheurs.";
  it("reads the other items of a disjunction that contains the tag (« Zotero, JabRef ou Mendeley »), not those of a plain list", () => {
    expect(disjunctionAlternatives("Zotero", ["Bibliographies", description])).toEqual(["jabref", "mendeley"]);
    expect(disjunctionAlternatives("doctorants", ["Bibliographies", description])).toEqual([]);
    expect(disjunctionAlternatives("Zotero", ["Bibliographies", "Former à Zotero, JabRef et Mendeley."])).toEqual([]);
  });
  it("gives a profile that uses one of the alternatives part of the skill, and ranks it above one that shares the context", () => {
    const mission: MatchMission = { id: "m", title: "Outiller la bibliographie des thèses", description, skills: ["Zotero"] };
    const user: MatchAgent = { id: "user", skills: ["Mendeley"], bio: "J'ai déployé Mendeley pour mon laboratoire." };
    const context: MatchAgent = { id: "context", skills: ["bibliographie"], bio: "Je forme les doctorants et les chercheurs à la bibliographie des thèses." };
    const ranking = createMatchingEngine([user, context]).rankAgents(mission, { top: 2 });
    expect(ranking[0]!.agentId).toBe("user");
    expect(ranking[0]!.details.skills.find((s) => s.label === "Zotero")?.evidence).toBeCloseTo(0.5, 2);
    expect(ranking[0]!.reasons[0]!.text).toBe("Outil que la mission accepte à la place de « Zotero » présent dans ses compétences (« Mendeley »).");
  });
});

describe("what the title says the mission works on is not a skill asked", () => {
  const mission: MatchMission = {
    id: "m",
    title: "Rédaction du cahier des charges pour l'achat d'un intranet WordPress",
    description: "Notre service n'a jamais conduit de consultation. Nous cherchons un appui pour rédiger le CCTP et analyser les offres.",
    skills: ["marchés publics", "CCTP"],
  };
  it("reads a concept of the title, of a family no tag asks for, as the mission's object (not its first word, the action)", () => {
    const referentiel = getDefaultReferentiel();
    const query = analyze(mission);
    expect(query.aspects.some((a) => a.inferred && /WordPress/i.test(a.label))).toBe(false);
    const tags = new Set(query.aspects.filter((a) => !a.inferred).flatMap((a) => [...a.concepts.keys()]));
    const object = titleObject(referentiel, analyzeText(mission.title).sequence, tags);
    expect([...object.concepts].map((i) => referentiel.concepts[i]!.label).join()).toMatch(/WordPress/i);
    expect(titleObject(referentiel, analyzeText("WordPress pour l'intranet").sequence, tags).concepts.size).toBe(0);
    expect(titleObject(referentiel, analyzeText(mission.title).sequence, new Set()).concepts.size).toBe(0);
  });
  it("weighs the object's words as context in the text, and the title's other words as the title's", () => {
    const query = analyze(mission);
    const [wordpress] = analyzeText("WordPress").sequence.map((t) => t.term);
    const [cahier] = analyzeText("cahier").sequence.map((t) => t.term);
    expect(query.terms.get(wordpress!)).toBe(SCORING.descriptionTermWeight);
    expect(query.terms.get(cahier!)).toBe(SCORING.titleTermWeight);
  });
});

describe("the skills that the mission's title names weigh more", () => {
  const mission: MatchMission = {
    id: "m",
    title: "Remise à niveau du site de la ville (WordPress)",
    description: "Mettre à jour le cœur, le thème et les extensions du site.",
    skills: ["WordPress", "PHP"],
  };

  it("gives a tag the title names more weight than one it does not", () => {
    const { aspects } = analyze(mission);
    expect(aspects.find((a) => a.label === "WordPress")!.weight).toBeGreaterThan(aspects.find((a) => a.label === "PHP")!.weight);
  });

  it("does not read a plain word the title shares with a tag as the skill: it is often what the mission works on", () => {
    const { aspects } = analyze({
      id: "g",
      title: "Choisir un logiciel de maintenance pour le patrimoine bâti",
      description: "Les techniciens suivent les contrôles des bâtiments dans un tableur.",
      skills: ["GMAO", "patrimoine"],
    });
    expect(aspects.find((a) => a.label === "patrimoine")!.weight).toBe(aspects.find((a) => a.label === "GMAO")!.weight);
  });

  it("ranks the profile with the skill the title names above one with a skill around it", () => {
    const wordpress: MatchAgent = { id: "wordpress", skills: ["WordPress"], bio: "Je gère les sites de la communauté de communes." };
    const php: MatchAgent = { id: "php", skills: ["PHP"], bio: "Je mets à jour le cœur, le thème et les extensions de nos applications." };
    const ranking = createMatchingEngine([php, wordpress]).rankAgents(mission, { top: 2 });
    expect(ranking.map((c) => c.agentId)).toEqual(["wordpress", "php"]);
  });
});

describe("one concept of a profile does not earn part of every skill of its family", () => {
  it("shares a family's partial credit among the skills asked of that family", () => {
    const engine = createMatchingEngine([{ id: "a", skills: ["Grist"], bio: "" }]);
    const one = engine.prepareMission({ id: "one", title: "Suivi", description: "", skills: ["Grist"] });
    const three = engine.prepareMission({ id: "three", title: "Suivi", description: "", skills: ["Grist", "Démarches Simplifiées", "formulaires en ligne"] });
    const credit = (q: typeof one) => q.aspects.find((a) => a.label === "Grist")!.concepts[0]!.familyCredit;
    expect(credit(three)).toBeCloseTo(credit(one) / Math.sqrt(3), 6);
  });

  it("ranks a profile that shows two of the skills above one whose single concept is of the same family", () => {
    const mission: MatchMission = {
      id: "m",
      title: "Dématérialiser les demandes de subvention",
      description: "Un formulaire en ligne relié à un suivi des dossiers.",
      skills: ["Démarches Simplifiées", "Grist", "formulaire en ligne", "no-code"],
    };
    const helper: MatchAgent = { id: "helper", skills: ["aide aux démarches en ligne"], bio: "J'aide les usagers à remplir leurs démarches en ligne." };
    const builder: MatchAgent = { id: "builder", skills: ["Grist", "Démarches Simplifiées"], bio: "Je construis des outils de suivi." };
    const ranking = createMatchingEngine([helper, builder]).rankAgents(mission, { top: 2 });
    expect(ranking.map((c) => c.agentId)).toEqual(["builder", "helper"]);
    const helperSkills = ranking[1]!.details.skills.reduce((sum, s) => sum + s.evidence, 0);
    // Two related skills at 0.5, and the family credit (0.4) shared by the four skills of the family: 0.2 each.
    expect(helperSkills).toBeCloseTo(1.4, 2);
  });
});

describe("what a profile says it is learning, wishes for or lacks is not evidence of it", () => {
  const mission: MatchMission = {
    id: "m",
    title: "Aider les communes avec Chorus Pro",
    description: "Former les secrétaires de mairie au traitement des factures rejetées dans Chorus Pro.",
    skills: ["Chorus Pro", "factures"],
  };
  const fillers: MatchAgent[] = Array.from({ length: 12 }, (_, i) => ({ id: `filler${i}`, skills: ["accueil"], bio: `Agent d'accueil numéro ${i}.` }));

  it("ranks a newcomer who discovers the tool below the agent who runs it, and gives the newcomer little credit for it", () => {
    const newcomer: MatchAgent = {
      id: "newcomer",
      skills: ["secrétariat de mairie"],
      bio: "Secrétaire de mairie depuis janvier, je découvre Chorus Pro et les factures rejetées.",
    };
    const referent: MatchAgent = { id: "referent", skills: ["finances"], bio: "Je traite les factures de la ville dans Chorus Pro depuis 2019." };
    const engine = createMatchingEngine([newcomer, referent, ...fillers]);
    const ranking = engine.rankAgents(mission, { top: 2 });
    expect(ranking.map((c) => c.agentId)).toEqual(["referent", "newcomer"]);
    expect(ranking[1]!.details.skills.find((s) => s.label === "Chorus Pro")?.evidence ?? 0).toBeLessThan(0.35);
    expect(ranking[1]!.details.topWords.join(" ")).not.toMatch(/chorus/i);
  });

  it("reads a whole wish or difficulty as learning (« j'aimerais apprendre », « je galère »)", () => {
    const wish: MatchAgent = { id: "wish", skills: ["doctorat"], bio: "J'aimerais apprendre à faire des factures dans Chorus Pro." };
    const done: MatchAgent = { id: "done", skills: ["comptabilité"], bio: "Je saisis les factures dans Chorus Pro." };
    const ranking = createMatchingEngine([wish, done, ...fillers]).rankAgents(mission, { top: 2 });
    expect(ranking[0]!.agentId).toBe("done");
    expect(ranking[1]!.details.skills.find((s) => s.label === "Chorus Pro")?.evidence ?? 0).toBeLessThan(0.35);
  });

  it("reads a wish to learn with an adverb in between as learning (« j'aimerais justement apprendre »)", () => {
    const wish: MatchAgent = { id: "wish", skills: ["doctorat"], bio: "C'est long, et j'aimerais justement apprendre à traiter les factures dans Chorus Pro." };
    const done: MatchAgent = { id: "done", skills: ["comptabilité"], bio: "Je traite les factures dans Chorus Pro." };
    const ranking = createMatchingEngine([wish, done, ...fillers]).rankAgents(mission, { top: 2 });
    expect(ranking[0]!.agentId).toBe("done");
    expect(ranking[1]!.details.skills.find((s) => s.label === "Chorus Pro")?.evidence ?? 0).toBeLessThan(0.35);
  });

  it("reads work done by someone else (« est fait par un prestataire ») as no evidence of the skill", () => {
    const delegates: MatchAgent = {
      id: "delegates",
      skills: ["finances"],
      bio: "Le traitement des factures dans Chorus Pro est assuré par le service comptable ; je prépare le budget de la direction.",
    };
    const does: MatchAgent = { id: "does", skills: ["finances"], bio: "Je traite les factures de la régie dans Chorus Pro." };
    const ranking = createMatchingEngine([delegates, does, ...fillers]).rankAgents(mission, { top: 2 });
    expect(ranking[0]!.agentId).toBe("does");
    expect(ranking[1]!.details.skills.find((s) => s.label === "Chorus Pro")?.evidence ?? 0).toBeLessThan(0.35);
  });

  it("keeps what follows « mais »: « je ne suis pas RSSI, mais je réalise des tests d'intrusion »", () => {
    const pentest: MatchMission = { id: "p", title: "Audit du portail", description: "Tester le portail avant son ouverture.", skills: ["pentest"] };
    const turned: MatchAgent = { id: "turned", skills: ["développement"], bio: "Je ne suis pas RSSI, mais je réalise des tests d'intrusion chaque mois." };
    const [first] = createMatchingEngine([turned, ...fillers]).rankAgents(pentest, { top: 1 });
    expect(first!.details.skills.find((s) => s.label === "pentest")?.evidence).toBe(1);
  });

  it("reads « même si », « bien que » as turning the sentence: what the author does still counts", () => {
    const site: MatchMission = { id: "w", title: "Remise à niveau du site", description: "Mettre à jour le site de la ville.", skills: ["WordPress"] };
    const turned: MatchAgent = {
      id: "turned",
      skills: ["communication"],
      bio: "Je gère le site de la collectivité sous WordPress et je maintiens ses extensions, même si je ne suis pas développeuse.",
    };
    const [first] = createMatchingEngine([turned, ...fillers]).rankAgents(site, { top: 1 });
    expect(first!.details.skills.find((s) => s.label === "WordPress")?.evidence).toBe(1);
  });

  it("halves the evidence of a learner's own words too (a tag « en formation » describes the whole profile)", () => {
    const network: MatchMission = { id: "n", title: "Segmenter le réseau", description: "Revoir le plan d'adressage du site.", skills: ["VLAN"] };
    const apprentice: MatchAgent = { id: "apprentice", skills: ["en formation", "VLAN"], bio: "Apprentie au service informatique." };
    const admin: MatchAgent = { id: "admin", skills: ["VLAN"], bio: "Administrateur réseaux du rectorat." };
    const ranking = createMatchingEngine([apprentice, admin, ...fillers]).rankAgents(network, { top: 2 });
    expect(ranking.map((c) => c.agentId)).toEqual(["admin", "apprentice"]);
    expect(ranking[1]!.details.skills.find((s) => s.label === "VLAN")?.evidence).toBeCloseTo(0.5, 2);
  });

  it("matches learning markers as whole words: « apprentissage automatique » is a skill, not an apprentice", () => {
    const ml: MatchMission = { id: "ml", title: "Classer les courriers", description: "Classer les courriers entrants.", skills: ["data science"] };
    const expert: MatchAgent = { id: "expert", skills: ["Python"], bio: "J'entraîne des modèles d'apprentissage automatique pour classer des documents." };
    const [first] = createMatchingEngine([expert, ...fillers]).rankAgents(ml, { top: 1 });
    expect(first!.details.skills.find((s) => s.label === "data science")?.evidence).toBe(1);
  });
});

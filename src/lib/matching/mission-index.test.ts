import { describe, expect, it } from "vitest";
import { MissionIndex, type IndexedMission } from "./mission-index";
import { getDefaultReferentiel } from "./referentiel";

const missions: IndexedMission[] = [
  {
    id: "secu",
    title: "Audit de sécurité du site de la médiathèque",
    text: "Vérifier la configuration du serveur web et proposer un plan de durcissement.",
    skills: [{ label: "Sécurité des systèmes d'information" }],
  },
  {
    id: "cartes",
    title: "Cartes des réseaux d'eau",
    text: "Le service cherche un géomaticien pour reprendre les couches QGIS du réseau.",
    skills: [{ label: "QGIS" }],
  },
  {
    id: "donnees",
    title: "Mise en conformité du registre des traitements",
    text: "Recenser les traitements et préparer l'analyse d'impact relative à la protection des données personnelles.",
    skills: [{ label: "GDPR" }],
  },
  {
    id: "tableaux",
    title: "Tableaux de bord du suivi des demandes",
    text: "Construire des tableaux de bord dans Metabase pour l'accueil.",
    skills: [{ label: "Metabase" }],
  },
];

function indexOf(items = missions) {
  const index = new MissionIndex(getDefaultReferentiel());
  for (const mission of items) index.upsert(mission);
  return index;
}

const ids = (index: MissionIndex, query: string) => index.search(query).hits.map((hit) => hit.id).sort();

describe("index des missions publiées", () => {
  it("trouve un mot malgré une faute de frappe et dit comment il l'a lu", () => {
    const index = indexOf();
    const { hits, reading } = index.search("securté");
    expect(hits.map((hit) => hit.id)).toContain("secu");
    expect(hits.map((hit) => hit.id)).not.toContain("tableaux");
    expect(reading.corrections.length + reading.concepts.length).toBeGreaterThan(0);
  });

  it("trouve par les synonymes et acronymes du référentiel : RGPD trouve GDPR et « protection des données personnelles »", () => {
    expect(ids(indexOf(), "RGPD")).toEqual(["donnees"]);
    expect(ids(indexOf([missions[2]!, { ...missions[2]!, id: "texte", skills: [] }]), "rgpd")).toEqual(["donnees", "texte"]);
  });

  it("« géomatique » trouve une mission qui demande un géomaticien", () => {
    expect(ids(indexOf(), "géomatique")).toEqual(["cartes"]);
  });

  it("racinise : « tableau de bord » trouve « tableaux de bord », et tous les mots sont exigés", () => {
    expect(ids(indexOf(), "tableau de bord")).toEqual(["tableaux"]);
    expect(ids(indexOf(), "tableau médiathèque")).toEqual([]);
  });

  it("classe d'abord la mission où le mot est une compétence ou le titre", () => {
    const index = indexOf([
      { id: "corps", title: "Appui ponctuel", text: "Un peu de WordPress à reprendre.", skills: [] },
      { id: "titre", title: "Refonte WordPress", text: "Le site a dix ans.", skills: [{ label: "WordPress" }] },
    ]);
    const hits = index.search("wordpress").hits.sort((a, b) => b.score - a.score);
    expect(hits.map((hit) => hit.id)).toEqual(["titre", "corps"]);
  });

  it("voit les familles des concepts trouvés dans le texte comme dans les étiquettes", () => {
    const index = indexOf([{ id: "texte", title: "Appui", text: "Reprendre les couches QGIS du service urbanisme.", skills: [] }]);
    expect(index.hasFamily("texte", "sig")).toBe(true);
    expect(index.hasFamily("texte", "cms")).toBe(false);
  });

  it("se met à jour sans reconstruction : une mission retirée ou modifiée n'est plus trouvée par son ancien texte", () => {
    const index = indexOf();
    index.remove("cartes");
    expect(ids(index, "géomatique")).toEqual([]);
    index.upsert({ ...missions[0]!, title: "Audit WordPress" });
    expect(ids(index, "médiathèque")).toEqual([]);
    expect(ids(index, "wordpress")).toEqual(["secu"]);
    expect(index.size).toBe(3);
  });

  it("ne retient pour un agent que les missions qui partagent un concept, une famille ou un mot peu courant", () => {
    const index = indexOf();
    const candidates = index.candidatesForAgent({ id: "a", skills: ["QGIS"], bio: "Je fais des cartes pour les services." });
    expect(candidates).toContain("cartes");
    expect(candidates).not.toContain("donnees");
  });
});

import { describe, expect, it } from "vitest";
import { analyzeDocumentConcepts } from "./concepts";
import { buildReferentiel, REFERENTIEL_CONCEPTS, suggestConcepts } from "./referentiel";
import { analyzeText, editDistance, foldText, STOP_WORDS } from "./text";

const referentiel = buildReferentiel();
const terms = (text: string) => analyzeText(text).terms;
const conceptIds = (text: string, isTag = false) => {
  const analysis = analyzeDocumentConcepts(referentiel, [{ text, weight: 1, isTag, learningAware: true }]);
  return new Set([...analysis.concepts.keys()].map((i) => referentiel.concepts[i]!.id));
};

describe("French text pipeline", () => {
  it("lower-cases and folds accents and ligatures", () => {
    expect(foldText("Sécurité Réseau Œuvre Cœur ÉLÈVE")).toBe("securite reseau oeuvre coeur eleve");
    expect(terms("sécurité")).toEqual(terms("securite"));
    expect(terms("Accessibilité")).toEqual(terms("accessibilite"));
  });

  it("removes French stop words and elisions", () => {
    expect(STOP_WORDS.has("les")).toBe(true);
    expect(terms("l'audit de la sécurité d'un serveur")).toEqual(terms("audit sécurité serveur"));
    expect(terms("le la les des du et")).toEqual([]);
  });

  it("stems with the French Porter stemmer", () => {
    expect(terms("formations")).toEqual(terms("formation"));
    expect(terms("réseaux")).toEqual(terms("réseau"));
    expect(terms("sauvegardes")).toEqual(terms("sauvegarde"));
  });

  it("keeps acronyms, versions and tool names whole", () => {
    expect(terms("RGAA")).toEqual(["rgaa"]);
    expect(terms("rgaa")).toEqual(["rgaa"]);
    expect(terms("BP-028")).toContain("bp-028");
    expect(terms("M@gistère")).toEqual(["m@gistere"]);
    expect(terms("Drupal D10")).toContain("d10");
    expect(terms("data.gouv.fr")).toContain("data.gouv.fr");
  });

  it("keeps compound words whole, and their parts", () => {
    const t = terms("pare-feu");
    expect(t).toContain("pare-feu");
    expect(t).toContain("feu");
  });

  it("keeps the words as written for display", () => {
    expect(analyzeText("Sécurité des systèmes", true).sequence.map((t) => t.original)).toEqual(["Sécurité", "systèmes"]);
  });

  it("measures edit distance with transpositions", () => {
    expect(editDistance("pyhton", "python", 1)).toBe(1);
    expect(editDistance("wordpres", "wordpress", 1)).toBe(1);
    expect(editDistance("abc", "xyz", 1)).toBeGreaterThan(1);
  });
});

describe("référentiel and concept detection", () => {
  it("holds at least 150 concepts with unique ids and known links", () => {
    expect(REFERENTIEL_CONCEPTS.length).toBeGreaterThanOrEqual(150);
    const ids = new Set(REFERENTIEL_CONCEPTS.map((c) => c.id));
    expect(ids.size).toBe(REFERENTIEL_CONCEPTS.length);
    for (const c of REFERENTIEL_CONCEPTS) {
      for (const r of [...(c.related ?? []), ...(c.broader ? [c.broader] : [])]) expect(ids.has(r), `${c.id} → ${r}`).toBe(true);
    }
  });

  it("maps synonyms, acronyms, English and expansions to the same concept", () => {
    for (const text of ["RGPD", "GDPR", "protection des données personnelles", "données à caractère personnel", "loi Informatique et Libertés"]) {
      expect(conceptIds(text, true).has("rgpd"), text).toBe(true);
    }
    expect(conceptIds("AIPD", true).has("aipd")).toBe(true);
    expect(conceptIds("DPIA", true).has("aipd")).toBe(true);
    expect(conceptIds("PRA", true).has("pra")).toBe(true);
    expect(conceptIds("DRP", true).has("pra")).toBe(true);
    expect(conceptIds("DS", true).has("demarches-simplifiees")).toBe(true);
    expect(conceptIds("démarches-simplifiées", true).has("demarches-simplifiees")).toBe(true);
    expect(conceptIds("hardening", true).has("durcissement-systeme")).toBe(true);
    expect(conceptIds("durcissement", true).has("durcissement-systeme")).toBe(true);
    expect(conceptIds("langage M", true).has("power-query")).toBe(true);
    expect(conceptIds("migration de D7 vers D10").has("drupal")).toBe(true);
    expect(conceptIds("parcours sur M@gistère").has("magistere")).toBe(true);
    expect(conceptIds("référentiel général d'amélioration de l'accessibilité").has("rgaa")).toBe(true);
  });

  it("tolerates typos and missing accents", () => {
    expect(conceptIds("scripts pyhton pour traiter des fichiers").has("python")).toBe(true);
    expect(conceptIds("site sous wordpres").has("wordpress")).toBe(true);
    expect(conceptIds("securite des systemes d'information").has("securite-si")).toBe(true);
  });

  it("does not read lexical distractors as digital skills", () => {
    expect(conceptIds("Coordinatrice sécurité routière, j'anime des actions de prévention.").has("securite-si")).toBe(false);
    expect(conceptIds("J'anime le réseau des médiathèques du territoire.").has("reseau-local")).toBe(false);
    expect(conceptIds("Chef de cuisine en restauration collective.").has("sauvegarde")).toBe(false);
    expect(conceptIds("Juriste au sein de la direction des migrations.").has("cloud")).toBe(false);
  });

  it("keeps an ambiguous word when the text shows the same family", () => {
    expect(conceptIds("Revue du réseau local : VLAN, commutateurs et réseau Wi-Fi.").has("reseau-local")).toBe(true);
    expect(conceptIds("Sauvegarde et restauration des VM avec Veeam.").has("sauvegarde")).toBe(true);
  });

  it("suggests concepts for the tag picker, tolerant of accents and typos", () => {
    expect(suggestConcepts("securite", 10).some((s) => s.family === "securite-si")).toBe(true);
    expect(suggestConcepts("wordpres", 5)[0]?.id).toBe("wordpress");
    expect(suggestConcepts("rgpd", 3)[0]?.id).toBe("rgpd");
    expect(suggestConcepts("pyhton", 5).some((s) => s.id === "python")).toBe(true);
    expect(suggestConcepts("", 5)).toEqual([]);
  });
});

describe("clause turns", () => {
  it("starts a new sentence at « mais », « même si », « bien que »", () => {
    const { sequence } = analyzeText("Je ne suis pas RSSI mais je teste des applications, même si je débute bien que motivé.");
    const sentenceOf = (word: string) => sequence.find((t) => t.word === word)!.sentence;
    expect(sentenceOf("rssi")).toBeLessThan(sentenceOf("teste"));
    expect(sentenceOf("teste")).toBeLessThan(sentenceOf("debute"));
    expect(sentenceOf("debute")).toBeLessThan(sentenceOf("motive"));
  });

  it("reads words that name properties of plain objects like any other word", () => {
    expect(() => analyzeText("J'utilise le constructor et toString de la classe, sans hasOwnProperty.")).not.toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { DomainError } from "@/server/errors";
import {
  MISSION_STATES,
  MISSION_TRANSITIONS,
  assertEditable,
  isAllowedTransition,
  mayPerform,
  nextState,
  type MissionState,
  type MissionTransition,
} from "./transitions";

const allowed: [MissionTransition, MissionState, MissionState][] = [
  ["soumettre", "brouillon", "soumise"],
  ["soumettre", "a_modifier", "soumise"],
  ["publier", "soumise", "publiee"],
  ["demander_modifications", "soumise", "a_modifier"],
  ["archiver", "brouillon", "archivee"],
  ["archiver", "soumise", "archivee"],
  ["archiver", "a_modifier", "archivee"],
  ["archiver", "publiee", "archivee"],
  ["demarrer", "publiee", "en_cours"],
  ["terminer", "en_cours", "terminee"],
];

describe("transitions des missions", () => {
  it.each(allowed)("%s depuis %s mène à %s", (transition, from, to) => {
    expect(nextState(transition, from)).toBe(to);
  });

  it("refuse toute autre transition avec un message en français", () => {
    const transitions = Object.keys(MISSION_TRANSITIONS) as MissionTransition[];
    for (const transition of transitions) {
      for (const from of MISSION_STATES) {
        if (allowed.some(([t, f]) => t === transition && f === from)) continue;
        expect(isAllowedTransition(transition, from)).toBe(false);
        expect(() => nextState(transition, from)).toThrow(DomainError);
        expect(() => nextState(transition, from)).toThrow(/^Cette mission|^Des modifications/);
      }
    }
  });

  it("explique clairement les refus les plus fréquents", () => {
    expect(() => nextState("publier", "publiee")).toThrow("Cette mission est déjà publiée.");
    expect(() => nextState("soumettre", "soumise")).toThrow("Cette mission est déjà soumise à la modération.");
    expect(() => nextState("demander_modifications", "a_modifier")).toThrow(
      "Des modifications ont déjà été demandées pour cette mission.",
    );
    expect(() => nextState("archiver", "archivee")).toThrow("Cette mission est archivée : elle ne peut plus changer d'état.");
    expect(() => nextState("publier", "brouillon")).toThrow("Cette mission n'a pas été soumise : elle ne peut pas encore être publiée.");
  });

  it("réserve la modération à la DINUM et la soumission au demandeur", () => {
    expect(mayPerform("publier", ["dinum"])).toBe(true);
    expect(mayPerform("publier", ["demandeur"])).toBe(false);
    expect(mayPerform("demander_modifications", ["demandeur"])).toBe(false);
    expect(mayPerform("soumettre", ["demandeur"])).toBe(true);
    expect(mayPerform("soumettre", ["dinum"])).toBe(false);
    expect(mayPerform("archiver", ["demandeur"])).toBe(true);
    expect(mayPerform("archiver", ["dinum"])).toBe(true);
    expect(mayPerform("archiver", [])).toBe(false);
  });

  it("ne laisse modifier le contenu qu'en brouillon ou à modifier", () => {
    expect(() => assertEditable("brouillon")).not.toThrow();
    expect(() => assertEditable("a_modifier")).not.toThrow();
    expect(() => assertEditable("soumise")).toThrow("Cette mission est en cours de modération : elle ne peut plus être modifiée.");
    expect(() => assertEditable("publiee")).toThrow("Cette mission est publiée : elle ne peut plus être modifiée.");
  });
});

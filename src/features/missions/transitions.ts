import { DomainError } from "@/server/errors";

/**
 * The life of a mission, in one pure module: which transitions exist, from which states,
 * and who may do each. Services ask it before writing; it never touches the database.
 */
export const MISSION_STATES = ["brouillon", "soumise", "a_modifier", "publiee", "en_cours", "terminee", "archivee"] as const;
export type MissionState = (typeof MISSION_STATES)[number];

export const MISSION_STATE_LABELS: Record<MissionState, string> = {
  brouillon: "Brouillon",
  soumise: "En modération",
  a_modifier: "À modifier",
  publiee: "Publiée",
  en_cours: "En cours",
  terminee: "Terminée",
  archivee: "Archivée",
};

export function isMissionState(value: string): value is MissionState {
  return (MISSION_STATES as readonly string[]).includes(value);
}

export type MissionTransition = "soumettre" | "publier" | "demander_modifications" | "archiver" | "demarrer" | "terminer";

/** Who acts on a mission: a demandeur of the mission's administration, or the DINUM team. */
export type MissionActor = "demandeur" | "dinum";

interface TransitionRule {
  from: readonly MissionState[];
  to: MissionState;
  by: readonly MissionActor[];
}

export const MISSION_TRANSITIONS: Record<MissionTransition, TransitionRule> = {
  soumettre: { from: ["brouillon", "a_modifier"], to: "soumise", by: ["demandeur"] },
  publier: { from: ["soumise"], to: "publiee", by: ["dinum"] },
  demander_modifications: { from: ["soumise"], to: "a_modifier", by: ["dinum"] },
  archiver: { from: ["brouillon", "soumise", "a_modifier", "publiee"], to: "archivee", by: ["demandeur", "dinum"] },
  /** The demandeur selects candidates from the consented list. */
  demarrer: { from: ["publiee"], to: "en_cours", by: ["demandeur"] },
  /** Once every selected agent's hours are confirmed by both sides. */
  terminer: { from: ["en_cours"], to: "terminee", by: ["demandeur"] },
};

/** States in which the demandeur may still change the content of the mission. */
export const EDITABLE_STATES: readonly MissionState[] = ["brouillon", "a_modifier"];

export function mayPerform(transition: MissionTransition, actors: readonly MissionActor[]): boolean {
  return MISSION_TRANSITIONS[transition].by.some((actor) => actors.includes(actor));
}

export function isAllowedTransition(transition: MissionTransition, from: MissionState): boolean {
  return MISSION_TRANSITIONS[transition].from.includes(from);
}

/** The state a transition leads to, or a DomainError saying in French why it cannot happen now. */
export function nextState(transition: MissionTransition, from: MissionState): MissionState {
  if (!isAllowedTransition(transition, from)) throw new DomainError(refusalMessage(transition, from));
  return MISSION_TRANSITIONS[transition].to;
}

export function isEditable(state: MissionState): boolean {
  return EDITABLE_STATES.includes(state);
}

export function assertEditable(state: MissionState): void {
  if (isEditable(state)) return;
  throw new DomainError(
    state === "soumise"
      ? "Cette mission est en cours de modération : elle ne peut plus être modifiée."
      : `Cette mission est ${stateAsAdjective(state)} : elle ne peut plus être modifiée.`,
  );
}

function stateAsAdjective(state: MissionState): string {
  switch (state) {
    case "brouillon":
      return "encore un brouillon";
    case "soumise":
      return "en modération";
    case "a_modifier":
      return "à modifier";
    case "publiee":
      return "publiée";
    case "en_cours":
      return "en cours";
    case "terminee":
      return "terminée";
    case "archivee":
      return "archivée";
  }
}

function refusalMessage(transition: MissionTransition, from: MissionState): string {
  if (from === "archivee") return "Cette mission est archivée : elle ne peut plus changer d'état.";
  if (transition === "demarrer") {
    return from === "en_cours" ? "Cette mission a déjà commencé." : `Cette mission est ${stateAsAdjective(from)} : elle ne peut pas commencer.`;
  }
  if (transition === "terminer") {
    return from === "terminee" ? "Cette mission est déjà terminée." : `Cette mission est ${stateAsAdjective(from)} : elle ne peut pas être terminée.`;
  }
  if (from === "en_cours" || from === "terminee") {
    return `Cette mission est ${stateAsAdjective(from)} : elle ne peut plus être ${transition === "archiver" ? "archivée" : "modérée"}.`;
  }
  switch (transition) {
    case "soumettre":
      if (from === "soumise") return "Cette mission est déjà soumise à la modération.";
      return "Cette mission est déjà publiée.";
    case "publier":
      if (from === "publiee") return "Cette mission est déjà publiée.";
      if (from === "a_modifier") return "Cette mission a été renvoyée au demandeur : attendez qu'il la soumette à nouveau.";
      return "Cette mission n'a pas été soumise : elle ne peut pas encore être publiée.";
    case "demander_modifications":
      if (from === "a_modifier") return "Des modifications ont déjà été demandées pour cette mission.";
      if (from === "publiee") return "Cette mission est déjà publiée.";
      return "Cette mission n'a pas été soumise : il n'y a rien à renvoyer.";
    case "archiver":
      return `Cette mission est ${stateAsAdjective(from)} : elle ne peut pas être archivée.`;
  }
}

import type { OverrideKind } from "./schemas";

export const ORIGIN_LABELS: Record<string, string> = {
  suggestion: "Suggestion",
  candidature: "Candidature",
  ajout_dinum: "Ajout DINUM",
};

export const WORK_MODE_LABELS: Record<string, string> = { distance: "À distance", sur_site: "Sur site", mixte: "Mixte" };

/** How each override reads on its button, in its form title, and once done. */
export const OVERRIDE_LABELS: Record<OverrideKind, { button: string; title: (name: string) => string; done: (name: string) => string }> = {
  epingler: { button: "Épingler", title: (name) => `Épingler ${name} en tête de liste`, done: (name) => `${name} est épinglé(e) en tête de liste.` },
  desepingler: { button: "Désépingler", title: (name) => `Désépingler ${name}`, done: (name) => `${name} n'est plus épinglé(e).` },
  exclure: { button: "Exclure", title: (name) => `Exclure ${name} de la liste`, done: (name) => `${name} est exclu(e) de la liste.` },
  reintegrer: { button: "Réintégrer", title: (name) => `Réintégrer ${name} dans la liste`, done: (name) => `${name} est réintégré(e) dans la liste.` },
  monter: { button: "Monter", title: (name) => `Monter ${name} d'un rang`, done: (name) => `${name} est monté(e) d'un rang.` },
  descendre: { button: "Descendre", title: (name) => `Descendre ${name} d'un rang`, done: (name) => `${name} est descendu(e) d'un rang.` },
};

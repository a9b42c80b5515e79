import type { OverrideKind } from "./schemas";

export const ORIGIN_LABELS: Record<string, string> = {
  suggestion: "Suggestion",
  candidature: "Candidature",
  ajout_dinum: "Ajout DINUM",
};

export const WORK_MODE_LABELS: Record<string, string> = { distance: "À distance", sur_site: "Sur site", mixte: "Mixte" };

/** How each override reads on its button, in its form title, and once done. */
export const OVERRIDE_LABELS: Record<OverrideKind, { button: string; title: (name: string) => string; done: (name: string) => string }> = {
  epingler: { button: "Épingler", title: (name) => `Épingler ${name} en tête de liste`, done: (name) => `${name} : épinglage en tête de liste fait.` },
  desepingler: { button: "Désépingler", title: (name) => `Désépingler ${name}`, done: (name) => `${name} : épinglage retiré.` },
  exclure: { button: "Exclure", title: (name) => `Exclure ${name} de la liste`, done: (name) => `${name} : exclusion de la liste faite.` },
  reintegrer: { button: "Réintégrer", title: (name) => `Réintégrer ${name} dans la liste`, done: (name) => `${name} : retour dans la liste fait.` },
  monter: { button: "Monter", title: (name) => `Monter ${name} d'un rang`, done: (name) => `${name} : un rang plus haut.` },
  descendre: { button: "Descendre", title: (name) => `Descendre ${name} d'un rang`, done: (name) => `${name} : un rang plus bas.` },
};

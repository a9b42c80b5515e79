import type { MissionCandidate } from "@/lib/matching";

export type FitLevel = "bon" | "possible" | "faible";

/**
 * The fit level of a ranked mission. Provisional thresholds on the score until the engine
 * gives each candidate its own calibrated level: this is the one place that reads it.
 */
export function fitOf(candidate: MissionCandidate): FitLevel {
  if (candidate.score >= 0.6) return "bon";
  if (candidate.score >= 0.35) return "possible";
  return "faible";
}

export interface FitReason {
  kind: "force" | "reserve";
  text: string;
}

/** At most three reasons, each a strength or a caution. */
export function reasonsOf(candidate: MissionCandidate): FitReason[] {
  return candidate.reasons.slice(0, 3).map((text) => ({ kind: /^(Sur place|Disponibilit|Effort)/.test(text) ? "reserve" : "force", text }));
}

/** One sentence that explains the score. */
export function explanationOf(candidate: MissionCandidate): string {
  const level = fitOf(candidate);
  return level === "bon" ? "Vos compétences couvrent l'essentiel de ce que demande la mission." : "Une partie de vos compétences correspond à ce que demande la mission.";
}

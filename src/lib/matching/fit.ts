/**
 * Reading a calibrated score. The engine's score of a pair is the estimated chance that the
 * Mission Talents team would judge the agent a good or excellent fit for the mission, on one scale
 * for every mission (see docs/MATCHING.md): the same thresholds apply to any mission, and the
 * product can filter and label with them.
 */
import type { FitLevel, MatchReason } from "./types";

export type { FitLevel } from "./types";

/**
 * Lowest score of each level (a score at the threshold belongs to the level): « bon » when a good
 * fit is more likely than not; « possible » from a one-in-ten chance, where partial fits (an
 * adjacent skill, another tool of the same kind) are common.
 */
export const FIT_THRESHOLDS = { bon: 0.5, possible: 0.1 } as const;

export const FIT_LABELS: Record<FitLevel, string> = {
  bon: "Bonne adéquation",
  possible: "Adéquation possible",
  faible: "Adéquation faible",
};

export function fitLevel(score: number): FitLevel {
  if (score >= FIT_THRESHOLDS.bon) return "bon";
  if (score >= FIT_THRESHOLDS.possible) return "possible";
  return "faible";
}

/** Marker shown before a reason, by kind. */
export const REASON_KIND_LABELS = { force: "Point fort", reserve: "Point d'attention" } as const;

/** Reasons as one line of text (emails, the command line), each led by its marker. */
export function reasonsAsText(reasons: MatchReason[], count = reasons.length): string {
  return reasons
    .slice(0, count)
    .map((reason) => `${REASON_KIND_LABELS[reason.kind]} : ${reason.text}`)
    .join(" ");
}

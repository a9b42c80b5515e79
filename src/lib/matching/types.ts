/** Public types of the matching engine (plain objects: no framework, no database). */

export type NiveauCompetence = "notions" | "autonome" | "expert";

export interface CompetenceAgent {
  label: string;
  level?: NiveauCompetence;
}

export interface CompetenceMission {
  label: string;
  /** Required skills weigh more than nice-to-have ones (default: required). */
  required?: boolean;
  level?: NiveauCompetence;
}

export interface MatchAgent {
  id: string;
  administration?: string;
  skills: CompetenceAgent[] | string[];
  /** Free presentation text (either name is accepted). */
  bio?: string;
  presentation?: string;
  hoursPerMonth?: number;
  /** The agent accepts remote missions. */
  remote?: boolean;
  location?: string;
  locations?: string[];
  /** Paused profiles are never proposed. */
  paused?: boolean;
}

export interface PeriodeMission {
  /** ISO dates. */
  start?: string;
  end?: string;
}

export interface MatchMission {
  id: string;
  administration?: string;
  title: string;
  description?: string;
  skills: CompetenceMission[] | string[];
  /** Total effort in hours. */
  hours?: number;
  /** The mission can be done remotely. */
  remote?: boolean;
  location?: string;
  period?: PeriodeMission;
}

/** How well a profile fits a mission, read from the calibrated score (see fit.ts). */
export type FitLevel = "bon" | "possible" | "faible";

/** One reason shown beside a score: a strength, or a caution the reader should weigh. */
export interface MatchReason {
  kind: "force" | "reserve";
  /** One short French sentence naming the skill or the evidence. */
  text: string;
}

export interface MatchCandidate {
  agentId: string;
  /** Calibrated score in [0, 1] (meaning: see fit.ts and docs/MATCHING.md). */
  score: number;
  fit: FitLevel;
  /** One French sentence that explains the score. */
  explanation: string;
  /** At most three, strengths first. */
  reasons: MatchReason[];
  details: MatchDetails;
}

export interface MatchedConcept {
  /** Concept wanted by the mission. */
  conceptId: string;
  conceptLabel: string;
  /** Concept of the profile that carried it (the same one, a close one, or one of the same family). */
  viaConceptId: string;
  viaConceptLabel: string;
  kind: "exact" | "broader" | "related" | "family";
  /** Words of the agent that carried the concept, as written. */
  agentWords: string[];
  credit: number;
}

export interface MatchDetails {
  conceptScore: number;
  textScore: number;
  matchedConcepts: MatchedConcept[];
  topWords: string[];
  sameAdministration: boolean;
  /** Availability and place, as strengths or cautions. */
  constraintNotes: MatchReason[];
}

export interface MissionCandidate {
  missionId: string;
  score: number;
  fit: FitLevel;
  explanation: string;
  reasons: MatchReason[];
  details: MatchDetails;
}

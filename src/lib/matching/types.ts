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
  /**
   * Calibrated score in [0, 1]: the estimated chance that the Mission Talents team would judge
   * the agent a good or excellent fit (see fit.ts and docs/MATCHING.md).
   */
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

/** One skill the mission asks for, and what the profile shows of it. */
export interface MatchedSkill {
  /** The mission's tag as written, or the label of a concept read in its title or description. */
  label: string;
  /** Read in the title or description rather than asked in the mission's tags. */
  inferred: boolean;
  /** In [0, 1]: 1 when the profile plainly shows it. */
  evidence: number;
  /** A concept of the référentiel carried it, or the tag's own words. */
  via: "concept" | "terms";
  concept?: MatchedConcept;
  /** Words of the profile that carried it, as written. */
  agentWords: string[];
  /** The words were in the profile's tags (else only in its presentation). */
  inTags: boolean;
  /** Shown only through a tool the mission offers as an alternative to the tag (« Sphinx » for « Pandoc »). */
  alternative?: boolean;
}

export interface MatchDetails {
  /** Share of the mission's skills (weighted) that the profile shows, in [0, 1]. */
  conceptScore: number;
  /** Skills the profile shows, the most telling first. */
  skills: MatchedSkill[];
  /** The mission's own skills (its tags), as written. */
  skillsAsked: string[];
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

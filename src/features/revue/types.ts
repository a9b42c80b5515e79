/** What DINUM's review shows; shared by the service and the client components. */
import type { MatchReason } from "@/lib/matching/types";

export type CandidateOrigin = "suggestion" | "candidature" | "ajout_dinum";

export interface ReviewCandidate {
  candidateId: string;
  agentId: string;
  displayName: string;
  email: string;
  administration: string | null;
  sameAdministration: boolean;
  origin: CandidateOrigin;
  engineRank: number | null;
  engineScore: number | null;
  /** Place in DINUM's final list (1 = first); null for excluded agents. */
  finalRank: number | null;
  reasons: MatchReason[];
  /** The engine's one-sentence explanation, when the service has it. */
  explanation?: string;
  hoursPerMonth: number;
  workMode: string;
  places: string[];
  state: string;
  pinned: boolean;
  excluded: boolean;
  /** The agent came through an application and has withdrawn it since. */
  withdrawn: boolean;
  /** Whether the mission can be proposed to this agent now. */
  proposable: boolean;
}

export interface MissionReview {
  mission: { id: string; title: string; state: string; administration: string | null };
  /** Overrides and proposals need a published mission; otherwise the list is read-only. */
  editable: boolean;
  candidates: ReviewCandidate[];
}

export interface AgentSearchResult {
  agentId: string;
  displayName: string;
  email: string;
  administration: string | null;
  /** Already in this mission's list: nothing to add. */
  alreadyCandidate: boolean;
}

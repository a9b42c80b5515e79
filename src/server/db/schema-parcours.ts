import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { MatchReason } from "@/lib/matching/types";
import { administrations, missions, users } from "./schema";

/**
 * One agent considered for one mission, whatever brought them there (the engine, their own
 * application, or DINUM by hand), from review to the end of the mission.
 */
export const missionCandidates = pgTable(
  "mission_candidates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    missionId: uuid("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** suggestion | candidature | ajout_dinum */
    origin: text("origin").notNull(),
    engineRank: integer("engine_rank"),
    engineScore: real("engine_score"),
    reasons: jsonb("reasons").$type<MatchReason[]>().notNull().default([]),
    pinned: boolean("pinned").notNull().default(false),
    excluded: boolean("excluded").notNull().default(false),
    /**
     * a_examiner | proposee | acceptee (waiting for the manager) | declinee | consentie |
     * refusee_manager | selectionnee | non_retenue
     */
    state: text("state").notNull().default("a_examiner"),
    proposedAt: timestamp("proposed_at", { withTimezone: true }),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    declineReason: text("decline_reason"),
    /** DINUM's manual order (1 = first); null keeps the engine's order among unpinned candidates. */
    finalPosition: integer("final_position"),
    selectedAt: timestamp("selected_at", { withTimezone: true }),
    /** a_declarer | declarees (by the agent) | corrigees (by the demandeur, the agent must agree) | confirmees */
    hoursState: text("hours_state"),
    declaredHours: integer("declared_hours"),
    confirmedHours: integer("confirmed_hours"),
    hoursComment: text("hours_comment"),
    /** The demandeur's short feedback and the skills they attest the agent used. */
    feedback: text("feedback"),
    attestedSkills: jsonb("attested_skills").$type<string[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("mission_candidates_mission_agent_uq").on(t.missionId, t.agentId),
    index("mission_candidates_agent_idx").on(t.agentId),
    // DINUM's queues, counted in the menu of every DINUM page: candidates in one state (consented
    // and not yet sent, awaiting their manager), a few percent of all, by mission.
    index("mission_candidates_state_mission_idx").on(t.state, t.missionId),
    // Hours declared and awaiting the demandeur's confirmation, in the menu of every demandeur
    // page: a handful at any time, where the administration's missions number in the hundreds.
    index("mission_candidates_declared_hours_idx").on(t.missionId).where(sql`${t.hoursState} = 'declarees'`),
  ],
);

/**
 * The manager's consent for one candidate: a single-use link whose random token is stored only
 * as its SHA-256 hash. Resending supersedes the previous link.
 */
export const consentRequests = pgTable(
  "consent_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => missionCandidates.id, { onDelete: "cascade" }),
    managerName: text("manager_name").notNull(),
    managerEmail: text("manager_email").notNull(),
    /**
     * Hash of the link's token, minted when the email is handed to SMTP (never stored in clear,
     * not even in the outbox). Null until then; each delivery attempt replaces it.
     */
    tokenHash: text("token_hash"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
    /** approuve | refuse */
    decision: text("decision"),
    decisionComment: text("decision_comment"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** proconnect: the named manager signed in; hors_proconnect: recorded by DINUM with a proof. */
    verification: text("verification"),
    /** The signed-in manager who answered, or the DINUM member who recorded the answer. */
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id, { onDelete: "set null" }),
    /** What was checked (email, organisation) or, outside ProConnect, the proof and reason. */
    verificationDetails: jsonb("verification_details").$type<Record<string, string>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("consent_requests_token_uq").on(t.tokenHash),
    index("consent_requests_candidate_idx").on(t.candidateId),
    // DINUM's list of consents awaited, oldest first, one page at a time (and its count).
    index("consent_requests_awaited_idx")
      .on(t.createdAt, t.id)
      .where(sql`${t.decidedAt} is null and ${t.supersededAt} is null`),
    // DINUM's latest answers.
    index("consent_requests_decided_idx").on(t.decidedAt).where(sql`${t.decidedAt} is not null`),
    // The manager's requests (their space, and their menu's count on every page they open):
    // `lower(manager_email) = the signed-in email`, among all requests ever sent.
    index("consent_requests_manager_email_idx").on(sql`lower(${t.managerEmail})`),
  ],
);

/**
 * Hours confirmed by both sides, per lending and borrowing administration: what the
 * compensation ledger is computed from. One row per finished participation.
 */
export const confirmedHours = pgTable(
  "confirmed_hours",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    candidateId: uuid("candidate_id")
      .notNull()
      .unique()
      .references(() => missionCandidates.id),
    missionId: uuid("mission_id")
      .notNull()
      .references(() => missions.id),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => users.id),
    lendingAdministrationId: uuid("lending_administration_id").references(() => administrations.id),
    borrowingAdministrationId: uuid("borrowing_administration_id")
      .notNull()
      .references(() => administrations.id),
    hours: integer("hours").notNull(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("confirmed_hours_lending_idx").on(t.lendingAdministrationId), index("confirmed_hours_borrowing_idx").on(t.borrowingAdministrationId)],
);

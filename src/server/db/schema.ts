import { sql, type SQL } from "drizzle-orm";
import type { MatchReason } from "@/lib/matching/types";
import {
  type AnyPgColumn,
  bigserial,
  primaryKey,
  real,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** Public bodies, identified by SIRET as ProConnect gives it. */
export const administrations = pgTable("administrations", {
  id: uuid("id").primaryKey().defaultRandom(),
  siret: varchar("siret", { length: 14 }).notNull().unique(),
  name: text("name").notNull(),
  /** ministere | prefecture | collectivite | hopital | operateur | autre */
  kind: text("kind").notNull().default("autre"),
  /** Ministry of attachment, to roll figures up. */
  ministry: text("ministry").notNull().default("Non renseigné"),
  city: text("city"),
  createdAt: createdAt(),
});

/** A person signed in through ProConnect, keyed by `sub` + `idp_id`. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    proconnectSub: text("proconnect_sub").notNull(),
    idpId: text("idp_id").notNull(),
    email: text("email").notNull(),
    givenName: text("given_name").notNull().default(""),
    usualName: text("usual_name").notNull().default(""),
    /** SIRET as last given by ProConnect. */
    siret: varchar("siret", { length: 14 }),
    organizationalUnit: text("organizational_unit"),
    administrationId: uuid("administration_id").references(() => administrations.id),
    /**
     * True once DINUM approved a correction of the administration ProConnect gave: logins keep it
     * while ProConnect still gives the SIRET it was approved against.
     */
    administrationCorrected: boolean("administration_corrected").notNull().default(false),
    /** The SIRET ProConnect gave when DINUM approved the correction; another SIRET ends the correction. */
    administrationCorrectedForSiret: varchar("administration_corrected_for_siret", { length: 14 }),
    /** Spaces the person uses: agent, demandeur. DINUM comes from the allow-list, not from here. */
    roles: text("roles").array().notNull().default(sql`ARRAY['agent']::text[]`),
    createdAt: createdAt(),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    /**
     * Set when the account is deleted (by its owner or the retention job): the row stays as an
     * anonymous tombstone, because confirmed hours and missions written by the person belong to
     * the administrations and still point at it.
     */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** When the retention job warned the person that their inactive account would be deleted. */
    retentionWarnedAt: timestamp("retention_warned_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("users_proconnect_identity_uq").on(t.proconnectSub, t.idpId),
    // The matching engines of every instance read the deletions since their last sync.
    index("users_deleted_idx").on(t.deletedAt),
    index("users_email_idx").on(t.email),
    index("users_administration_idx").on(t.administrationId),
  ],
);

/**
 * A person asks DINUM to correct the administration derived from their ProConnect claims (unknown
 * or wrong SIRET, a service inside a larger body). Nothing changes until DINUM approves it.
 */
export const administrationCorrections = pgTable(
  "administration_corrections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** SIRET and administration the person had when asking. */
    claimedSiret: varchar("claimed_siret", { length: 14 }),
    currentAdministrationId: uuid("current_administration_id").references(() => administrations.id),
    /** An administration already known, or a SIRET and name DINUM creates on approval. */
    requestedAdministrationId: uuid("requested_administration_id").references(() => administrations.id),
    requestedSiret: varchar("requested_siret", { length: 14 }),
    requestedName: text("requested_name"),
    reason: text("reason").notNull(),
    /** en_attente | approuvee | refusee | annulee */
    status: text("status").notNull().default("en_attente"),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id, { onDelete: "set null" }),
    decisionComment: text("decision_comment"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    // One open request per person: a second one would race the first at approval.
    uniqueIndex("administration_corrections_one_open_uq").on(t.userId).where(sql`${t.status} = 'en_attente'`),
    index("administration_corrections_status_idx").on(t.status, t.createdAt),
  ],
);

/** Curated skills référentiel, editable by DINUM. */
export const skillConcepts = pgTable("skill_concepts", {
  id: text("id").primaryKey(),
  label: text("label").notNull(),
  family: text("family").notNull(),
  synonyms: jsonb("synonyms").$type<string[]>().notNull().default([]),
  acronyms: jsonb("acronyms").$type<string[]>().notNull().default([]),
  english: jsonb("english").$type<string[]>().notNull().default([]),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type SkillLevel = "notions" | "autonome" | "expert";

export interface ProfileSkill {
  label: string;
  /** Concept of the référentiel, or null for a free tag. */
  conceptId: string | null;
  level: SkillLevel;
}

export interface MissionSkill {
  label: string;
  conceptId: string | null;
  required: boolean;
  level: SkillLevel;
}

export const agentProfiles = pgTable(
  "agent_profiles",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    presentation: text("presentation").notNull().default(""),
    skills: jsonb("skills").$type<ProfileSkill[]>().notNull().default([]),
    hoursPerMonth: integer("hours_per_month").notNull().default(0),
    /** ponctuelle | recurrente | indifferent */
    rhythm: text("rhythm").notNull().default("indifferent"),
    availableFrom: date("available_from"),
    availableUntil: date("available_until"),
    /** distance | sur_site | mixte */
    workMode: text("work_mode").notNull().default("distance"),
    places: jsonb("places").$type<string[]>().notNull().default([]),
    managerName: text("manager_name").notNull().default(""),
    managerEmail: text("manager_email").notNull().default(""),
    /** ouvert | en_pause */
    visibility: text("visibility").notNull().default("ouvert"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Every signed-in page asks whether the user manages someone: `lower(manager_email) = email`.
    index("agent_profiles_manager_email_idx").on(sql`lower(${t.managerEmail})`),
    // The engine's keyset catch-up and the suggestions' staleness (`max(updated_at)`).
    index("agent_profiles_updated_idx").on(t.updatedAt, t.userId),
  ],
);

/**
 * Free skill tags (skills that point to no concept) counted per spelling and source, kept up to
 * date by triggers on `agent_profiles` and `missions` (see the migration `free_tag_uses`), so that
 * DINUM's list groups a few thousand rows instead of unnesting every skill on each view.
 */
export const freeTagUses = pgTable(
  "free_tag_uses",
  {
    /** `free_tag_key(label)`: lower case, accents folded, spaces collapsed. */
    key: text("key").notNull(),
    /** The spelling, trimmed. */
    label: text("label").notNull(),
    /** profil | mission */
    source: text("source").notNull(),
    uses: integer("uses").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.label, t.source] })],
);

/**
 * French full-text document of a mission, accents folded so that "securite" finds "sécurité".
 * The catalogue's query and the GIN index use this same expression.
 */
export function missionSearchVector(columns: { title: AnyPgColumn; context: AnyPgColumn; description: AnyPgColumn }): SQL {
  return sql`to_tsvector('french'::regconfig, ${foldForSearch(sql`${columns.title} || ' ' || ${columns.context} || ' ' || ${columns.description}`)})`;
}

/** Lower case and accent folding as the search index does it: apply it to queries too, so that they meet. */
export function foldForSearch(text: SQL | AnyPgColumn | string): SQL {
  const value = typeof text === "string" ? sql`${text}::text` : text;
  return sql`translate(lower(${value}), 'àâäáãéèêëíìîïóòôöõúùûüçœæ', 'aaaaaeeeeiiiiooooouuuucoa')`;
}

export const missions = pgTable(
  "missions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    administrationId: uuid("administration_id")
      .notNull()
      .references(() => administrations.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    context: text("context").notNull().default(""),
    description: text("description").notNull().default(""),
    skills: jsonb("skills").$type<MissionSkill[]>().notNull().default([]),
    totalHours: integer("total_hours"),
    /** ponctuelle | recurrente */
    rhythm: text("rhythm").notNull().default("ponctuelle"),
    startDate: date("start_date"),
    endDate: date("end_date"),
    staffingDeadline: date("staffing_deadline"),
    /** distance | sur_site | mixte */
    workMode: text("work_mode").notNull().default("distance"),
    place: text("place").notNull().default(""),
    confidentiality: text("confidentiality").notNull().default(""),
    /** brouillon | soumise | a_modifier | publiee | en_cours | terminee | archivee */
    state: text("state").notNull().default("brouillon"),
    moderationComment: text("moderation_comment"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    /** When DINUM sent the list of consented candidates to the demandeur. */
    listSentAt: timestamp("list_sent_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("missions_state_idx").on(t.state),
    // DINUM's « listes à envoyer », counted in the menu of every DINUM page: the published missions'
    // ids and list dates read from the index alone (index-only scan), not from the missions' rows.
    index("missions_state_list_sent_idx").on(t.state, t.id, t.listSentAt),
    // The moderation queue: submitted missions, oldest first, one page at a time.
    index("missions_state_submitted_idx").on(t.state, t.submittedAt, t.createdAt),
    index("missions_administration_idx").on(t.administrationId),
    index("missions_search_idx").using("gin", missionSearchVector(t)),
    // Each instance's catalogue reads the missions changed since its last sync.
    index("missions_updated_at_idx").on(t.updatedAt),
    // DINUM's list of every mission, newest first by default (`created_at desc nulls last, id`).
    index("missions_created_idx").on(t.createdAt.desc().nullsLast(), t.id),
  ],
);

/** An agent's spontaneous application ("se positionner"). */
export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    missionId: uuid("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    message: text("message").notNull().default(""),
    /** active | retiree */
    state: text("state").notNull().default("active"),
    createdAt: createdAt(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("applications_mission_agent_uq").on(t.missionId, t.agentId),
    // « Mes candidatures » lists one agent's applications.
    index("applications_agent_idx").on(t.agentId),
  ],
);

/** Who did what, when and why: moderation, overrides, consent decisions. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Human-readable actor, kept when the user is deleted or has no account (a manager). */
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    reason: text("reason"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_log_entity_idx").on(t.entityType, t.entityId)],
);

/** The engine's ranked suggestions for a published mission, with their reasons, kept for review. */
export const missionSuggestions = pgTable(
  "mission_suggestions",
  {
    missionId: uuid("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    engineRank: integer("engine_rank").notNull(),
    score: real("score").notNull(),
    reasons: jsonb("reasons").$type<MatchReason[]>().notNull().default([]),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.missionId, t.agentId] }), index("mission_suggestions_rank_idx").on(t.missionId, t.engineRank)],
);

/**
 * The observatory's supply per skill family (open profiles, as they are now) is an aggregate over
 * every profile's skills: computed at most every few minutes and kept here, per ministry filter
 * ("" for all), with the time it was computed, which the page shows.
 */
export const observatoireSupplySnapshots = pgTable("observatoire_supply_snapshots", {
  ministry: text("ministry").primaryKey(),
  computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
  rows: jsonb("rows").$type<{ family: string; offered: number }[]>().notNull(),
});

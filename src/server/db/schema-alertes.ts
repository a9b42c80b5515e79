import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { missions, users } from "./schema";

/** An agent's weekly email of newly published missions that fit them (opt-in). */
export const missionAlerts = pgTable(
  "mission_alerts",
  {
    agentId: uuid("agent_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    active: boolean("active").notNull().default(true),
    subscribedAt: timestamp("subscribed_at", { withTimezone: true }).notNull().defaultNow(),
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
    /** When the last digest was sent: at most one per interval (a week). */
    lastDigestAt: timestamp("last_digest_at", { withTimezone: true }),
    /**
     * Publication time of the newest mission already considered for this agent: the digest is
     * computed again only once a newer mission is published (not at every pass of the job).
     */
    checkedThrough: timestamp("checked_through", { withTimezone: true }),
  },
  (t) => [index("mission_alerts_due_idx").on(t.active, t.lastDigestAt)],
);

/** One digest sent: its unsubscribe link's token, stored hashed. */
export const missionAlertDigests = pgTable(
  "mission_alert_digests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    unsubscribeTokenHash: text("unsubscribe_token_hash").notNull().unique(),
    missionCount: integer("mission_count").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("mission_alert_digests_agent_idx").on(t.agentId)],
);

/** Each mission an agent was alerted of, once: a mission is never sent twice to the same agent. */
export const missionAlertItems = pgTable(
  "mission_alert_items",
  {
    agentId: uuid("agent_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    missionId: uuid("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    digestId: uuid("digest_id")
      .notNull()
      .references(() => missionAlertDigests.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.missionId] })],
);

import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./schema";
import { consentRequests } from "./schema-parcours";

/**
 * Transactional outbox: an email is written in the same transaction as the state change that
 * causes it, then delivered by the worker with retries. Rows are kept after delivery: locally,
 * without SMTP, they are the mailbox DINUM reads in the app.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    /** Template name, to find and count emails by kind. */
    template: text("template").notNull(),
    /** en_attente | envoye | conserve (no SMTP configured) | echec (gave up after retries) | annule (its link was no longer needed) */
    status: text("status").notNull().default("en_attente"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    /**
     * A consent email: its body holds a placeholder, and the single-use link is minted for this
     * request when the email is handed to SMTP, so no usable link is ever stored.
     */
    consentRequestId: uuid("consent_request_id").references(() => consentRequests.id, { onDelete: "set null" }),
    /** What the email is about, e.g. { missionId }, for DINUM's view. */
    context: jsonb("context").$type<Record<string, string>>().notNull().default({}),
    /** Extra headers of the message, e.g. List-Unsubscribe for a digest. */
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt), index("email_outbox_created_idx").on(t.createdAt)],
);

/** In-app notifications, one per event and recipient. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    /** Page of the app the notification leads to. */
    link: text("link"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notifications_user_unread_idx").on(t.userId, t.readAt)],
);

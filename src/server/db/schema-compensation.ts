import { bigserial, index, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { administrations, missions, users } from "./schema";

/**
 * Double-entry, append-only compensation ledger between administrations. A transaction groups
 * entries whose amounts sum to zero; nothing is updated or deleted: a correction is a new
 * transaction that reverses another one.
 */
export const ledgerTransactions = pgTable(
  "ledger_transactions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** heures_mission | rachat (a DINUM service granted) | correction (reversal) */
    kind: text("kind").notNull(),
    missionId: uuid("mission_id").references(() => missions.id),
    /** The participation whose confirmed hours this posts (one posting per participation). */
    confirmedHoursId: uuid("confirmed_hours_id"),
    /** For a correction: the transaction it reverses (at most once). */
    reversesTransactionId: uuid("reverses_transaction_id"),
    description: text("description").notNull(),
    reason: text("reason"),
    createdById: uuid("created_by_id").references(() => users.id),
    /**
     * The key the form generated for this request (redemptions, corrections): a double submit, a
     * replay or a retry after a timeout carries the same key and records nothing more.
     */
    idempotencyKey: uuid("idempotency_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("ledger_transactions_confirmed_hours_uq").on(t.confirmedHoursId),
    uniqueIndex("ledger_transactions_idempotency_key_uq").on(t.idempotencyKey),
    uniqueIndex("ledger_transactions_reverses_uq").on(t.reversesTransactionId),
    index("ledger_transactions_created_idx").on(t.createdAt),
  ],
);

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    transactionId: uuid("transaction_id")
      .notNull()
      .references(() => ledgerTransactions.id),
    /** administration | services_dinum (the counterpart of redemptions) */
    account: text("account").notNull().default("administration"),
    administrationId: uuid("administration_id").references(() => administrations.id),
    /** Credits: positive credits the account, negative debits it. */
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ledger_entries_administration_idx").on(t.administrationId), index("ledger_entries_transaction_idx").on(t.transactionId)],
);

/** DINUM's invitations of top contributors to an event, sent through the outbox. */
export const eventInvitations = pgTable(
  "event_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventName: text("event_name").notNull(),
    eventDate: text("event_date").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    invitedById: uuid("invited_by_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("event_invitations_event_user_uq").on(t.eventName, t.eventDate, t.userId)],
);

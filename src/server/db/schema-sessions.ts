import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./schema";

/**
 * Server-side sessions. The Auth.js cookie (an encrypted JWT) names one of these rows, and every
 * request checks it by primary key: logout, or DINUM ending a person's sessions, revokes the row,
 * so that a copied cookie opens nothing afterwards.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end, from login: the cookie's lifetime. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** deconnexion | dinum */
    revokedBy: text("revoked_by"),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

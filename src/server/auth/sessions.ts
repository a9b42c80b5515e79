import "server-only";
import { and, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/server/db/client";
import { userSessions } from "@/server/db/schema-sessions";

/** How long a login lasts, at most: the cookie's lifetime and the server-side row's. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export type RevokedBy = "deconnexion" | "dinum";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opens the server-side session that a new login's cookie will name. */
export async function openSession(executor: Executor, userId: string, maxAgeSeconds = SESSION_MAX_AGE_SECONDS): Promise<string> {
  const [row] = await executor
    .insert(userSessions)
    .values({ userId, expiresAt: sql`now() + make_interval(secs => ${maxAgeSeconds})` })
    .returning({ id: userSessions.id });
  return row!.id;
}

/** The cookie's session row, still open; null when the cookie cannot name one (issued before server-side sessions, no id). */
function openSessionFilter(cookie: { sessionId: string | undefined; userId: string }): SQL | null {
  if (!cookie.sessionId || !UUID.test(cookie.sessionId)) return null;
  return and(
    eq(userSessions.id, cookie.sessionId),
    eq(userSessions.userId, cookie.userId),
    isNull(userSessions.revokedAt),
    gt(userSessions.expiresAt, sql`now()`),
  )!;
}

/**
 * Whether the cookie's session still holds, as a condition for the query that loads the signed-in
 * user: one statement per request instead of two. Null when the cookie cannot name a session.
 */
export function activeSessionCondition(cookie: { sessionId: string | undefined; userId: string }): SQL | null {
  const filter = openSessionFilter(cookie);
  return filter ? sql`exists (select 1 from ${userSessions} where ${filter})` : null;
}

/** Whether the cookie's session still holds: one primary-key lookup. */
export async function isSessionActive(executor: Executor, cookie: { sessionId: string | undefined; userId: string }): Promise<boolean> {
  const filter = openSessionFilter(cookie);
  if (!filter) return false;
  const [row] = await executor.select({ id: userSessions.id }).from(userSessions).where(filter);
  return Boolean(row);
}

/** Ends one session (logout). Idempotent: a session already ended keeps its first end. */
export async function revokeSession(executor: Executor, sessionId: string, by: RevokedBy): Promise<void> {
  if (!UUID.test(sessionId)) return;
  await executor
    .update(userSessions)
    .set({ revokedAt: sql`now()`, revokedBy: by })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
}

/** Ends every open session of a person; answers how many were open. */
export async function revokeAllSessions(executor: Executor, userId: string, by: RevokedBy): Promise<number> {
  const rows = await executor
    .update(userSessions)
    .set({ revokedAt: sql`now()`, revokedBy: by })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, sql`now()`)))
    .returning({ id: userSessions.id });
  return rows.length;
}

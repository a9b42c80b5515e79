import "server-only";
import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { auditActor, recordAudit } from "@/server/audit";
import { assertRole, type CurrentUser } from "@/server/auth/roles";
import { revokeAllSessions } from "@/server/auth/sessions";
import type { Executor } from "@/server/db/client";
import { administrations, users } from "@/server/db/schema";
import { userSessions } from "@/server/db/schema-sessions";
import { NotFoundError } from "@/server/errors";
import type { EndUserSessions } from "./schemas";

const DINUM_ONLY = "Seule l'équipe DINUM peut mettre fin aux sessions d'une personne.";

/** A person found by email, with their open sessions (newest first), for DINUM. */
export async function findPersonSessions(executor: Executor, actor: CurrentUser, email: string) {
  assertRole(actor, "dinum", DINUM_ONLY);
  const normalized = email.trim().toLowerCase();
  if (!normalized) return null;
  const [user] = await executor
    .select({ id: users.id, email: users.email, givenName: users.givenName, usualName: users.usualName, administrationName: administrations.name })
    .from(users)
    .leftJoin(administrations, eq(administrations.id, users.administrationId))
    .where(eq(sql`lower(${users.email})`, normalized))
    .orderBy(asc(users.createdAt))
    .limit(1);
  if (!user) return null;
  const sessions = await executor
    .select({ id: userSessions.id, createdAt: userSessions.createdAt, expiresAt: userSessions.expiresAt })
    .from(userSessions)
    .where(and(eq(userSessions.userId, user.id), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, sql`now()`)))
    .orderBy(desc(userSessions.createdAt));
  return { user, sessions };
}

/**
 * DINUM ends every open session of a person (a lost device, a departure): their cookies open
 * nothing from the next request on. Audited with the reason, in the same transaction.
 */
export async function endUserSessions(executor: Executor, actor: CurrentUser, input: EndUserSessions) {
  assertRole(actor, "dinum", DINUM_ONLY);
  return executor.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, input.userId));
    if (!user) throw new NotFoundError("Personne");
    const ended = await revokeAllSessions(tx, user.id, "dinum");
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "sessions.fin",
      entityType: "user",
      entityId: user.id,
      reason: input.reason,
      details: { sessions: ended, personne: user.email },
    });
    return { ended };
  });
}

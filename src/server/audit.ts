import type { Executor } from "@/server/db/client";
import { auditLog } from "@/server/db/schema";

export interface AuditEntry {
  actor: { userId: string | null; label: string };
  action: string;
  entityType: string;
  entityId: string;
  reason?: string | null;
  details?: Record<string, unknown>;
}

/** The audit log's actor for a signed-in user: their id, and their email as a label that outlives them. */
export function auditActor(user: { id: string; email: string }): AuditEntry["actor"] {
  return { userId: user.id, label: user.email };
}

/** Appends to the audit log, inside the caller's transaction so both land or neither. */
export async function recordAudit(executor: Executor, entry: AuditEntry) {
  await executor.insert(auditLog).values({
    actorUserId: entry.actor.userId,
    actorLabel: entry.actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    reason: entry.reason ?? null,
    details: entry.details ?? {},
  });
}

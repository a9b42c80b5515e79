import "server-only";
import { and, count, desc, eq } from "drizzle-orm";
import { assertRole, type CurrentUser } from "@/server/auth/roles";
import { auditActor, recordAudit } from "@/server/audit";
import type { Executor } from "@/server/db/client";
import { emailOutbox } from "@/server/db/schema-messagerie";
import { DomainError, NotFoundError } from "@/server/errors";

export const EMAIL_STATUSES = {
  en_attente: "En attente d'envoi",
  envoye: "Envoyé",
  conserve: "Conservé (pas de serveur SMTP)",
  echec: "Échec après plusieurs essais",
  annule: "Annulé (demande d’accord déjà traitée ou remplacée)",
} as const;
export type EmailStatus = keyof typeof EMAIL_STATUSES;

export const EMAILS_PER_PAGE = 25;

/** DINUM's view of the outbox: every email the service wrote, newest first. */
export async function listEmails(executor: Executor, actor: CurrentUser, options: { status?: EmailStatus; page?: number }) {
  assertRole(actor, "dinum");
  const page = Math.max(1, options.page ?? 1);
  const where = options.status ? eq(emailOutbox.status, options.status) : undefined;
  const [rows, [total], byStatus] = await Promise.all([
    executor
      .select({
        id: emailOutbox.id,
        toAddress: emailOutbox.toAddress,
        subject: emailOutbox.subject,
        status: emailOutbox.status,
        attempts: emailOutbox.attempts,
        lastError: emailOutbox.lastError,
        createdAt: emailOutbox.createdAt,
        sentAt: emailOutbox.sentAt,
      })
      .from(emailOutbox)
      .where(where)
      .orderBy(desc(emailOutbox.createdAt))
      .limit(EMAILS_PER_PAGE)
      .offset((page - 1) * EMAILS_PER_PAGE),
    executor.select({ n: count() }).from(emailOutbox).where(where),
    executor.select({ status: emailOutbox.status, n: count() }).from(emailOutbox).groupBy(emailOutbox.status),
  ]);
  return {
    rows,
    total: total?.n ?? 0,
    page,
    pageCount: Math.max(1, Math.ceil((total?.n ?? 0) / EMAILS_PER_PAGE)),
    countsByStatus: Object.fromEntries(byStatus.map((row) => [row.status, row.n])) as Partial<Record<EmailStatus, number>>,
  };
}

export async function getEmail(executor: Executor, actor: CurrentUser, emailId: string) {
  assertRole(actor, "dinum");
  const [email] = await executor.select().from(emailOutbox).where(eq(emailOutbox.id, emailId));
  if (!email) throw new NotFoundError("Courriel");
  return email;
}

/** Puts a failed email back in the queue, now; audited. */
export async function retryEmail(executor: Executor, actor: CurrentUser, emailId: string) {
  assertRole(actor, "dinum");
  return executor.transaction(async (tx) => {
    const [updated] = await tx
      .update(emailOutbox)
      .set({ status: "en_attente", attempts: 0, nextAttemptAt: new Date() })
      .where(and(eq(emailOutbox.id, emailId), eq(emailOutbox.status, "echec")))
      .returning({ id: emailOutbox.id, toAddress: emailOutbox.toAddress });
    if (!updated) throw new DomainError("Seul un courriel en échec peut être renvoyé.");
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "courriel.relance",
      entityType: "email",
      entityId: emailId,
      details: { destinataire: updated.toAddress },
    });
    return updated;
  });
}

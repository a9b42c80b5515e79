import { and, asc, eq, lte } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { Executor } from "@/server/db/client";
import { emailOutbox } from "@/server/db/schema-messagerie";
import { errorFields, logger } from "@/server/observability/logger";
import { isDeletedAccountAddress } from "./outbox";
import { mintConsentLinkAtDelivery } from "@/features/consentements/delivery";
import { withPersonalLink } from "./personal-links";

export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/** 30 s, 1 min, 2 min… up to one hour between attempts. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

export interface Mailer {
  send(message: { to: string; subject: string; text: string; html: string; headers?: Record<string, string> }): Promise<void>;
}

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transporter: Transporter = nodemailer.createTransport(smtpUrl, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(message) {
      await transporter.sendMail({ from, ...message });
    },
  };
}

/**
 * A digest's unsubscribe link is written in the email (its token is random per digest and stored
 * hashed); once the email has left, or is kept without SMTP, whoever reads the outbox must not be
 * able to use it.
 */
const UNSUBSCRIBE_LINK = /(\/alertes\/desabonnement\/)[A-Za-z0-9_-]{16,}/g;
export const REDACTED_UNSUBSCRIBE_LINK = "[lien personnel retiré]";

export function redactUnsubscribeLinks(text: string): string {
  return text.replace(UNSUBSCRIBE_LINK, `$1${REDACTED_UNSUBSCRIBE_LINK}`);
}

function redactedContent(email: { textBody: string; htmlBody: string; headers: Record<string, string> }) {
  return {
    textBody: redactUnsubscribeLinks(email.textBody),
    htmlBody: redactUnsubscribeLinks(email.htmlBody),
    headers: Object.fromEntries(Object.entries(email.headers).map(([name, value]) => [name, redactUnsubscribeLinks(value)])),
  };
}

export interface DeliveryReport {
  sent: number;
  kept: number;
  failed: number;
  /** Consent emails whose request was answered, replaced or expired before they left. */
  cancelled: number;
}

/**
 * Delivers the emails that are due. Each one is locked (SKIP LOCKED) in its own transaction, so
 * several app instances never send the same email twice. Without a mailer (no SMTP configured,
 * outside production) emails are kept in the outbox, where DINUM reads them, without any usable link.
 */
export async function deliverDueEmails(
  executor: Executor,
  mailer: Mailer | null,
  now = new Date(),
  batch = 20,
  /** Checked between emails: a stopping instance finishes the email in hand and takes no other. */
  shouldStop: () => boolean = () => false,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, kept: 0, failed: 0, cancelled: 0 };
  for (let index = 0; index < batch && !shouldStop(); index += 1) {
    const outcome = await executor.transaction(async (tx) => {
      const [email] = await tx
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.status, "en_attente"), lte(emailOutbox.nextAttemptAt, now)))
        .orderBy(asc(emailOutbox.nextAttemptAt))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!email) return "none" as const;
      if (isDeletedAccountAddress(email.toAddress)) {
        await tx.update(emailOutbox).set({ status: "echec", lastError: "Destinataire : compte supprimé, courriel non envoyé." }).where(eq(emailOutbox.id, email.id));
        return "failed" as const;
      }
      if (!mailer) {
        await tx.update(emailOutbox).set({ status: "conserve", sentAt: now, ...redactedContent(email) }).where(eq(emailOutbox.id, email.id));
        return "kept" as const;
      }
      const started = performance.now();
      // One line per attempt: which email (id, template), never its address or text.
      const attempt = { event: "email.delivery", emailId: email.id, template: email.template, attempt: email.attempts + 1 };
      let body = { text: email.textBody, html: email.htmlBody };
      if (email.consentRequestId) {
        // A fresh link for each attempt: its hash replaces the previous one, which stops working.
        const url = await mintConsentLinkAtDelivery(tx, email.consentRequestId, now);
        if (!url) {
          await tx
            .update(emailOutbox)
            .set({ status: "annule", lastError: "La demande d'accord a été traitée, remplacée ou a expiré avant l'envoi." })
            .where(eq(emailOutbox.id, email.id));
          return "cancelled" as const;
        }
        body = withPersonalLink(body, url);
      }
      try {
        await mailer.send({ to: email.toAddress, subject: email.subject, ...body, headers: email.headers });
        logger().info({ ...attempt, outcome: "sent", durationMs: Math.round(performance.now() - started) }, "courriel envoyé");
        await tx
          .update(emailOutbox)
          .set({ status: "envoye", sentAt: new Date(), attempts: email.attempts + 1, lastError: null, ...redactedContent(email) })
          .where(eq(emailOutbox.id, email.id));
        return "sent" as const;
      } catch (error) {
        const attempts = email.attempts + 1;
        logger().warn(
          { ...attempt, outcome: attempts >= MAX_ATTEMPTS ? "abandoned" : "retry", durationMs: Math.round(performance.now() - started), ...errorFields(error) },
          "échec d'envoi d'un courriel",
        );
        await tx
          .update(emailOutbox)
          .set({
            attempts,
            lastError: (error as Error).message.slice(0, 500),
            status: attempts >= MAX_ATTEMPTS ? "echec" : "en_attente",
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
          })
          .where(eq(emailOutbox.id, email.id));
        return "failed" as const;
      }
    });
    if (outcome === "none") break;
    report[outcome] += 1;
  }
  return report;
}

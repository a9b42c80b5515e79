import type { Executor } from "@/server/db/client";
import { emailOutbox } from "@/server/db/schema-messagerie";
import { withoutSingleUseLinks } from "./personal-links";
import { renderEmail, type EmailContent } from "./templates";

export interface OutgoingEmail extends EmailContent {
  to: string;
  template: string;
  context?: Record<string, string>;
  /** Extra headers (List-Unsubscribe of a digest). */
  headers?: Record<string, string>;
  /**
   * For a consent email: its action URL is PERSONAL_LINK_PLACEHOLDER, and the worker mints the
   * request's single-use link at delivery.
   */
  consentRequestId?: string;
}

/**
 * A deleted account keeps an address in the reserved `.invalid` domain (RFC 2606): nobody
 * receives it; the worker gives such an email up without sending it (a mission's author may have left).
 */
export function isDeletedAccountAddress(address: string): boolean {
  return /@(?:[^@]*\.)?invalid$/i.test(address.trim());
}

/** Writes the email in the caller's transaction: it leaves only if the change that causes it commits. */
export async function enqueueEmail(executor: Executor, email: OutgoingEmail) {
  const rendered = renderEmail(email);
  const [row] = await executor
    .insert(emailOutbox)
    .values({
      toAddress: email.to.toLowerCase(),
      subject: rendered.subject,
      textBody: withoutSingleUseLinks(rendered.text),
      htmlBody: withoutSingleUseLinks(rendered.html),
      consentRequestId: email.consentRequestId ?? null,
      template: email.template,
      context: email.context ?? {},
      headers: email.headers ?? {},
      // Due from now on this server's clock, the one the worker compares with (the database's now()
      // counts microseconds: a worker pass in the same millisecond would skip the email).
      nextAttemptAt: new Date(),
    })
    .returning({ id: emailOutbox.id });
  return row!.id;
}

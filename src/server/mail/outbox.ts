import type { Executor } from "@/server/db/client";
import { emailOutbox } from "@/server/db/schema-messagerie";
import { renderEmail, type EmailContent } from "./templates";

export interface OutgoingEmail extends EmailContent {
  to: string;
  template: string;
  context?: Record<string, string>;
  /** Extra headers (List-Unsubscribe of a digest). */
  headers?: Record<string, string>;
}

/** Writes the email in the caller's transaction: it leaves only if the change that causes it commits. */
export async function enqueueEmail(executor: Executor, email: OutgoingEmail) {
  const rendered = renderEmail(email);
  const [row] = await executor
    .insert(emailOutbox)
    .values({
      toAddress: email.to.toLowerCase(),
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
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

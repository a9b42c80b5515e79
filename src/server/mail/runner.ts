import { databaseHandle } from "@/server/db";
import { serverEnv } from "@/server/env";
import { sendConsentReminders } from "@/features/consentements/service";
import { deliverDueEmails, smtpMailer } from "./worker";

const state = globalThis as typeof globalThis & { __pvtMailWorker?: NodeJS.Timeout };

/**
 * Background jobs of each app instance: consent reminders, then the outbox (SKIP LOCKED keeps
 * instances apart).
 */
export function startMailWorker() {
  if (state.__pvtMailWorker) return;
  const env = serverEnv();
  const mailer = env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.MAIL_FROM) : null;
  let running = false;
  state.__pvtMailWorker = setInterval(() => {
    if (running) return;
    running = true;
    const database = databaseHandle().db;
    // Reminders are written to the outbox first, then delivered in the same pass.
    sendConsentReminders(database)
      .then(() => deliverDueEmails(database, mailer))
      .catch((error: unknown) => console.error("Envoi des courriels : la base ne répond pas, nouvel essai au prochain passage.", error))
      .finally(() => {
        running = false;
      });
  }, env.MAIL_WORKER_INTERVAL_MS);
  state.__pvtMailWorker.unref();
}

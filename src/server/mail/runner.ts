import { databaseHandle } from "@/server/db";
import { serverEnv } from "@/server/env";
import { sendConsentReminders } from "@/features/consentements/service";
import { sendDueMissionAlerts } from "@/features/alertes/service";
import { deliverDueEmails, smtpMailer } from "./worker";

const state = globalThis as typeof globalThis & { __pvtMailWorker?: NodeJS.Timeout };

/**
 * Background jobs of each app instance: consent reminders, weekly digests of new missions, then
 * the outbox (SKIP LOCKED keeps instances apart).
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
      // Digests of new missions: a failure there must not hold the outbox back.
      .then(() => sendDueMissionAlerts(database).catch((error: unknown) => console.error("Alertes de missions : nouvel essai au prochain passage.", error)))
      .then(() => deliverDueEmails(database, mailer))
      .catch((error: unknown) => console.error("Envoi des courriels : la base ne répond pas, nouvel essai au prochain passage.", error))
      .finally(() => {
        running = false;
      });
  }, env.MAIL_WORKER_INTERVAL_MS);
  state.__pvtMailWorker.unref();
}

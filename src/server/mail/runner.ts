import { databaseHandle } from "@/server/db";
import { serverEnv } from "@/server/env";
import { sendConsentReminders } from "@/features/consentements/service";
import { runRetention } from "@/features/donnees/retention";
import { deliverDueEmails, smtpMailer } from "./worker";

const state = globalThis as typeof globalThis & { __pvtMailWorker?: NodeJS.Timeout };

/**
 * Background jobs of each app instance: consent reminders, the retention of personal data (every
 * RETENTION_JOB_INTERVAL_MS), then the outbox. SKIP LOCKED and conditional updates keep instances apart.
 */
export function startMailWorker() {
  if (state.__pvtMailWorker) return;
  const env = serverEnv();
  const mailer = env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.MAIL_FROM) : null;
  let running = false;
  let lastRetention = 0;
  state.__pvtMailWorker = setInterval(() => {
    if (running) return;
    running = true;
    const database = databaseHandle().db;
    const retentionDue = Date.now() - lastRetention >= env.RETENTION_JOB_INTERVAL_MS;
    // Reminders and retention warnings are written to the outbox first, then delivered in the same pass.
    sendConsentReminders(database)
      .then(async () => {
        if (!retentionDue) return;
        lastRetention = Date.now();
        const report = await runRetention(database);
        if (report.warned || report.deleted) {
          console.info(`Conservation des données : ${report.warned} avertissement(s), ${report.deleted} compte(s) inactif(s) supprimé(s).`);
        }
      })
      .then(() => deliverDueEmails(database, mailer))
      .catch((error: unknown) => console.error("Envoi des courriels : la base ne répond pas, nouvel essai au prochain passage.", error))
      .finally(() => {
        running = false;
      });
  }, env.MAIL_WORKER_INTERVAL_MS);
  state.__pvtMailWorker.unref();
}

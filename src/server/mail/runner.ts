import { databaseHandle } from "@/server/db";
import { serverEnv } from "@/server/env";
import { deliverDueEmails, smtpMailer } from "./worker";

const state = globalThis as typeof globalThis & { __pvtMailWorker?: NodeJS.Timeout };

/** Polls the outbox in the background of each app instance; SKIP LOCKED keeps them apart. */
export function startMailWorker() {
  if (state.__pvtMailWorker) return;
  const env = serverEnv();
  const mailer = env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.MAIL_FROM) : null;
  let running = false;
  state.__pvtMailWorker = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueEmails(databaseHandle().db, mailer)
      .catch((error: unknown) => console.error("Envoi des courriels : la base ne répond pas, nouvel essai au prochain passage.", error))
      .finally(() => {
        running = false;
      });
  }, env.MAIL_WORKER_INTERVAL_MS);
  state.__pvtMailWorker.unref();
}

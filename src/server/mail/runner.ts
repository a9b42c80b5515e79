import { databaseHandle } from "@/server/db";
import { serverEnv } from "@/server/env";
import { sendConsentReminders } from "@/features/consentements/service";
import { sendDueMissionAlerts } from "@/features/alertes/service";
import { onShutdown } from "@/server/lifecycle";
import { errorFields, logger } from "@/server/observability/logger";
import { runRetention } from "@/features/donnees/retention";
import { deliverDueEmails, smtpMailer } from "./worker";

interface MailWorkerState {
  timer: NodeJS.Timeout;
  /** The pass under way, if any. */
  current: Promise<void> | null;
  stopping: boolean;
  /** When the last pass ended (readiness: a worker that no longer passes is stuck). */
  lastPassAt: Date | null;
  startedAt: Date;
}

const state = globalThis as typeof globalThis & { __pvtMailWorker?: MailWorkerState };

/** When this instance's mail worker last finished a pass (or started); null when it runs no worker. */
export function mailWorkerActivity(): { lastPassAt: Date; intervalMs: number } | null {
  const worker = state.__pvtMailWorker;
  return worker ? { lastPassAt: worker.lastPassAt ?? worker.startedAt, intervalMs: serverEnv().MAIL_WORKER_INTERVAL_MS } : null;
}

/**
 * Background jobs of each app instance: consent reminders, weekly digests of new missions, the
 * retention of personal data (every RETENTION_JOB_INTERVAL_MS), then the outbox (SKIP LOCKED and
 * conditional updates keep instances apart). On shutdown the pass under way finishes the email in
 * hand and stops.
 */
export function startMailWorker() {
  if (state.__pvtMailWorker) return;
  const env = serverEnv();
  const mailer = env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.MAIL_FROM) : null;
  let lastRetention = 0;
  const worker: MailWorkerState = {
    current: null,
    stopping: false,
    lastPassAt: null,
    startedAt: new Date(),
    timer: setInterval(() => {
      if (worker.current || worker.stopping) return;
      const database = databaseHandle().db;
      const retentionDue = Date.now() - lastRetention >= env.RETENTION_JOB_INTERVAL_MS;
      // Reminders and retention warnings are written to the outbox first, then delivered in the same pass.
      worker.current = sendConsentReminders(database)
        // Digests of new missions: a failure there must not hold the outbox back.
        .then(() =>
          sendDueMissionAlerts(database).catch((error: unknown) =>
            logger().error({ event: "mission_alerts.pass_failed", ...errorFields(error) }, "alertes de missions : nouvel essai au prochain passage"),
          ),
        )
        .then(async () => {
          if (!retentionDue) return;
          lastRetention = Date.now();
          const report = await runRetention(database);
          if (report.warned || report.deleted) logger().info({ event: "retention.pass", ...report }, "conservation des données");
        })
        .then(() => deliverDueEmails(database, mailer, new Date(), 20, () => worker.stopping))
        .then((report) => {
          worker.lastPassAt = new Date();
          if (report.sent || report.failed || report.kept) logger().debug({ event: "email.pass", ...report }, "passage du facteur");
        })
        .catch((error: unknown) =>
          logger().error({ event: "email.pass_failed", ...errorFields(error) }, "envoi des courriels : la base ne répond pas, nouvel essai au prochain passage"),
        )
        .finally(() => {
          worker.current = null;
        });
    }, env.MAIL_WORKER_INTERVAL_MS),
  };
  worker.timer.unref();
  state.__pvtMailWorker = worker;
  onShutdown({
    name: "mail-worker",
    order: 10,
    run: async () => {
      worker.stopping = true;
      clearInterval(worker.timer);
      await worker.current;
      state.__pvtMailWorker = undefined;
    },
  });
}

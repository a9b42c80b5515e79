import "server-only";
import { and, asc, inArray, isNull, lt, lte, notInArray, or, sql } from "drizzle-orm";
import type { Executor } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { serverEnv } from "@/server/env";
import { DomainError } from "@/server/errors";
import { enqueueEmail } from "@/server/mail/outbox";
import { deleteAccount } from "./service";

const DAY_MS = 86_400_000;
const BATCH = 100;

export interface RetentionSettings {
  inactivityDays: number;
  warningDays: number;
  /** DINUM's allow-list: the team's accounts are not purged. */
  keptEmails: string[];
  appUrl: string;
}

export function retentionSettings(): RetentionSettings {
  const env = serverEnv();
  return {
    inactivityDays: env.RETENTION_INACTIVITY_DAYS,
    warningDays: env.RETENTION_WARNING_DAYS,
    keptEmails: env.DINUM_ALLOWED_EMAILS,
    appUrl: env.APP_URL,
  };
}

/** Last sign of life of an account: its last login, or its creation before any. */
const lastActivity = sql<Date>`coalesce(${users.lastLoginAt}, ${users.createdAt})`;

function purgeable(settings: RetentionSettings) {
  return and(isNull(users.deletedAt), settings.keptEmails.length ? notInArray(users.email, settings.keptEmails) : undefined);
}

const dateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" });

/**
 * Warns, once per period of inactivity, the accounts that will be deleted in `warningDays`.
 * Rows are claimed with SKIP LOCKED and updated only if still unwarned since their last login:
 * several instances running the job warn each person once.
 */
export async function warnInactiveAccounts(executor: Executor, settings: RetentionSettings, now = new Date()) {
  const warnBefore = new Date(now.getTime() - (settings.inactivityDays - settings.warningDays) * DAY_MS);
  const due = and(
    purgeable(settings),
    sql`${lastActivity} < ${warnBefore.toISOString()}::timestamptz`,
    or(isNull(users.retentionWarnedAt), lt(users.retentionWarnedAt, lastActivity)),
  );
  let warned = 0;
  for (;;) {
    const batch = await executor.transaction(async (tx) => {
      const claimed = await tx.select({ id: users.id }).from(users).where(due).orderBy(asc(users.id)).limit(BATCH).for("update", { skipLocked: true });
      if (!claimed.length) return 0;
      const rows = await tx
        .update(users)
        .set({ retentionWarnedAt: now })
        .where(and(due, inArray(users.id, claimed.map((row) => row.id))))
        .returning({ id: users.id, email: users.email, givenName: users.givenName });
      const deletionDay = dateFormat.format(new Date(now.getTime() + settings.warningDays * DAY_MS));
      for (const row of rows) {
        await enqueueEmail(tx, {
          to: row.email,
          template: "conservation-avertissement",
          context: { userId: row.id },
          subject: `Votre compte sera supprimé le ${deletionDay} faute d'utilisation`,
          greeting: `Bonjour ${row.givenName},`,
          paragraphs: [
            `Aucune connexion de votre part à « Partagez vos talents numériques » depuis plus de ${Math.round((settings.inactivityDays - settings.warningDays) / 30)} mois. Comme l'annonce la page « Données personnelles », un compte inutilisé pendant ${settings.inactivityDays} jours est supprimé.`,
            `Sans connexion de votre part, votre compte et votre profil seront supprimés le ${deletionDay} : vos candidatures en cours seront retirées. Les heures déjà confirmées restent comptées pour votre administration, sans votre nom.`,
            "Pour garder votre compte, il suffit de vous connecter avec ProConnect avant cette date.",
          ],
          action: { label: "Me connecter", url: `${settings.appUrl}/connexion` },
        });
      }
      return rows.length;
    });
    warned += batch;
    if (batch < BATCH) return warned;
  }
}

/**
 * Deletes the accounts inactive for `inactivityDays` whose owner was warned at least `warningDays`
 * ago and has not signed in since. Each deletion re-checks these conditions on the locked row,
 * so an instance that comes second, or a login in between, deletes nothing.
 */
export async function purgeInactiveAccounts(executor: Executor, settings: RetentionSettings, now = new Date()) {
  const inactiveBefore = new Date(now.getTime() - settings.inactivityDays * DAY_MS);
  const warnedBefore = new Date(now.getTime() - settings.warningDays * DAY_MS);
  const due = and(
    purgeable(settings),
    sql`${lastActivity} < ${inactiveBefore.toISOString()}::timestamptz`,
    lte(users.retentionWarnedAt, warnedBefore),
    sql`${users.retentionWarnedAt} >= ${lastActivity}`,
  );
  const candidates = await executor.select({ id: users.id }).from(users).where(due).orderBy(asc(users.id)).limit(BATCH);
  const report = { deleted: 0, skipped: 0 };
  for (const { id } of candidates) {
    try {
      const outcome = await deleteAccount(executor, id, "inactivite", due);
      if (outcome) report.deleted += 1;
      else report.skipped += 1;
    } catch (error) {
      // A participation still running: the account waits until it ends.
      if (!(error instanceof DomainError)) throw error;
      report.skipped += 1;
    }
  }
  return report;
}

/** One pass of the retention job: warnings first, then deletions. */
export async function runRetention(executor: Executor, settings = retentionSettings(), now = new Date()) {
  const warned = await warnInactiveAccounts(executor, settings, now);
  const purged = await purgeInactiveAccounts(executor, settings, now);
  return { warned, ...purged };
}

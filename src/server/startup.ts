import { describeTarget, DatabaseUnavailableError, type DatabaseHandle } from "@/server/db/client";
import { databaseHandle } from "@/server/db";
import { applyMigrations, migrationStatus, STARTUP_LOCK_KEY } from "@/server/db/migrate";
import { productionSmtpProblem, proConnectSettings, serverEnv } from "@/server/env";
import { onShutdown } from "@/server/lifecycle";
import { errorFields, logger } from "@/server/observability/logger";

/** Refuses to serve when production would have no real login, or no database. */
export async function prepareServer() {
  const env = serverEnv();
  if (env.NODE_ENV === "production") {
    const settings = proConnectSettings(env);
    if (!settings.configured) {
      stop(`Démarrage refusé en production : ${settings.problem} Aucune connexion de secours n'existe.`);
    }
    if (!env.AUTH_SECRET) stop("Démarrage refusé en production : AUTH_SECRET doit être défini (32 caractères au moins).");
    const smtpProblem = productionSmtpProblem(env);
    if (smtpProblem) stop(smtpProblem);
  }
  const handle = databaseHandle();
  try {
    await migrateAndSeed(handle, env.SEED_DEMO_DATA === "1");
  } catch (error) {
    stop(error instanceof DatabaseUnavailableError || error instanceof StartupRefusedError ? error.message : `Démarrage impossible : ${(error as Error).message}`);
  }
  // Workers stop first (order 10), then the database closes (PGlite flushed).
  onShutdown({
    name: "database",
    order: 100,
    run: async () => {
      await handle.close();
      (globalThis as { __pvtDatabase?: unknown }).__pvtDatabase = undefined;
    },
  });
  const { startMailWorker } = await import("@/server/mail/runner");
  startMailWorker();
  // The matching index is built in the background: the instance answers meanwhile and reports
  // « pas prêt » on /api/ready until it is built.
  const { warmMatchingIndex } = await import("@/features/appariement/engine-store");
  warmMatchingIndex(handle.db);
  // The index of published missions (catalogue search, « missions pour moi ») too, so that the
  // first search does not wait for it.
  const { publishedMissions } = await import("@/features/appariement/missions-store");
  publishedMissions(handle.db).catch((error: unknown) =>
    logger().warn({ event: "published_missions.warm_failed", ...errorFields(error) }, "index des missions publiées non construit au démarrage : il le sera à la première recherche"),
  );
}

export class StartupRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupRefusedError";
  }
}

/**
 * Migrations, then the demo seed, under a Postgres advisory lock: instances starting together on
 * a new release take turns (the second finds the schema migrated and the seed present). The
 * instance refuses to start on a database migrated by a newer release than its code.
 */
export async function migrateAndSeed(handle: DatabaseHandle, seed: boolean) {
  const log = logger();
  await handle.withAdvisoryLock(STARTUP_LOCK_KEY, async () => {
    try {
      const before = await migrationStatus(handle);
      if (before.newerThanCode) {
        throw new StartupRefusedError(
          "Démarrage refusé : la base a été migrée par une version plus récente de l'application que celle-ci. Déployez la même version partout.",
        );
      }
      await applyMigrations(handle);
      log.info({ event: "db.migrated", applied: before.applied, known: before.known, ran: before.known - before.applied }, "migrations à jour");
    } catch (error) {
      if (error instanceof StartupRefusedError) throw error;
      throw new DatabaseUnavailableError(describeTarget(serverEnv().DATABASE_URL), error);
    }
    if (seed) {
      const { seedDemoData } = await import("@/server/db/seed");
      await seedDemoData(handle.db);
      log.info({ event: "db.seeded" }, "données de démonstration présentes");
    }
  });
}

function stop(message: string): never {
  logger().fatal({ event: "server.start_refused", reason: message }, message);
  process.exit(1);
}

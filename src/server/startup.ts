import { describeTarget, DatabaseUnavailableError } from "@/server/db/client";
import { databaseHandle } from "@/server/db";
import { applyMigrations } from "@/server/db/migrate";
import { proConnectSettings, serverEnv } from "@/server/env";

/** Refuses to serve when production would have no real login, or no database. */
export async function prepareServer() {
  const env = serverEnv();
  if (env.NODE_ENV === "production") {
    const settings = proConnectSettings(env);
    if (!settings.configured) {
      stop(`Démarrage refusé en production : ${settings.problem} Aucune connexion de secours n'existe.`);
    }
    if (!env.AUTH_SECRET) stop("Démarrage refusé en production : AUTH_SECRET doit être défini (32 caractères au moins).");
  }
  const handle = databaseHandle();
  try {
    await applyMigrations(handle);
  } catch (error) {
    stop(new DatabaseUnavailableError(describeTarget(env.DATABASE_URL), error).message);
  }
  if (env.SEED_DEMO_DATA === "1") {
    const { seedDemoData } = await import("@/server/db/seed");
    await seedDemoData(handle.db);
  }
  const { startMailWorker } = await import("@/server/mail/runner");
  startMailWorker();
  // The index of published missions (catalogue search, « missions pour moi ») is built in the
  // background, so that the first search does not wait for it.
  const { publishedMissions } = await import("@/features/appariement/missions-store");
  publishedMissions(handle.db).catch((error: unknown) => console.warn("Catalogue : index des missions publiées non construit au démarrage, il le sera à la première recherche.", error));
}

function stop(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

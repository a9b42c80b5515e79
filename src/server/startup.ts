import { describeTarget, DatabaseUnavailableError } from "@/server/db/client";
import { databaseHandle } from "@/server/db";
import { applyMigrations } from "@/server/db/migrate";
import { productionSmtpProblem, proConnectSettings, serverEnv } from "@/server/env";

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
}

function stop(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

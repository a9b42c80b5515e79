/**
 * Applies the migrations (and the demo seed when SEED_DEMO_DATA=1) under the same advisory lock
 * as the server's start, for deployments that migrate in a step of their own before rolling out.
 *
 *   DATABASE_URL=postgres://… npm run db:migrate
 */
import { existsSync } from "node:fs";
import { openDatabase } from "../src/server/db/client";
import { migrationStatus } from "../src/server/db/migrate";
import { migrateAndSeed } from "../src/server/startup";

if (existsSync(".env")) process.loadEnvFile(".env");

async function main() {
  const handle = openDatabase({ url: process.env.DATABASE_URL || undefined, pgliteDataDir: process.env.PGLITE_DATA_DIR || undefined });
  try {
    await migrateAndSeed(handle, process.env.SEED_DEMO_DATA === "1");
    const status = await migrationStatus(handle);
    process.stderr.write(`Migrations appliquées : ${status.applied}/${status.known}.\n`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`✖ ${(error as Error).message}\n`);
  process.exit(1);
});

/**
 * Writes a SQL dump of the application's data (PGlite or Postgres, the same format).
 *
 *   npm run db:backup                       → .data/sauvegardes/sauvegarde-<date>.sql
 *   npm run db:backup -- chemin/fichier.sql
 *
 * The database is the one the app uses: DATABASE_URL, else the embedded PGlite in PGLITE_DATA_DIR
 * (stop the app first: PGlite opens its folder from one process at a time).
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { dumpDatabase } from "../src/server/db/backup";
import { describeTarget, openDatabase } from "../src/server/db/client";

if (existsSync(".env")) process.loadEnvFile(".env");

let finished = false;
// A promise that never settles (a lock never granted) would end the process silently with code 0.
process.on("exit", (code) => {
  if (!finished && code === 0) {
    process.stderr.write("✖ Sauvegarde interrompue avant la fin.\n");
    process.exitCode = 1;
  }
});

async function main() {
  const file = process.argv[2] ?? path.join(".data", "sauvegardes", `sauvegarde-${new Date().toISOString().replace(/[:.]/g, "-")}.sql`);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const handle = openDatabase({ url: process.env.DATABASE_URL || undefined, pgliteDataDir: process.env.PGLITE_DATA_DIR || undefined });
  try {
    const report = await dumpDatabase(handle, file);
    const rows = Object.values(report.tables).reduce((sum, n) => sum + n, 0);
    process.stderr.write(`Sauvegarde de ${describeTarget(process.env.DATABASE_URL || undefined)} : ${rows} lignes dans ${file}\n`);
    finished = true;
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`✖ Sauvegarde impossible : ${(error as Error).message}\n`);
  process.exit(1);
});

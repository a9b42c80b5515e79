/**
 * Loads a dump written by `npm run db:backup` into an empty database (migrations first, then the
 * rows, in one transaction). Refuses a database that holds data.
 *
 *   DATABASE_URL=postgres://…/neuve npm run db:restore -- fichier.sql
 *   PGLITE_DATA_DIR=.data/pglite-restauree npm run db:restore -- fichier.sql
 */
import { existsSync } from "node:fs";
import { restoreDatabase } from "../src/server/db/backup";
import { describeTarget, openDatabase } from "../src/server/db/client";

if (existsSync(".env")) process.loadEnvFile(".env");

let finished = false;
// A promise that never settles (a lock never granted) would end the process silently with code 0.
process.on("exit", (code) => {
  if (!finished && code === 0) {
    process.stderr.write("✖ Restauration interrompue avant la fin.\n");
    process.exitCode = 1;
  }
});

async function main() {
  const file = process.argv[2];
  if (!file || !existsSync(file)) throw new Error("indiquez le fichier de sauvegarde : npm run db:restore -- fichier.sql");
  const handle = openDatabase({ url: process.env.DATABASE_URL || undefined, pgliteDataDir: process.env.PGLITE_DATA_DIR || undefined });
  try {
    const report = await restoreDatabase(handle, file);
    const rows = Object.values(report.tables).reduce((sum, n) => sum + n, 0);
    process.stderr.write(`Restauration dans ${describeTarget(process.env.DATABASE_URL || undefined)} : ${rows} lignes.\n`);
    finished = true;
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`✖ Restauration impossible : ${(error as Error).message}\n`);
  process.exit(1);
});

/**
 * An app process that opens the embedded PGlite (in its own process) and holds it until killed:
 * tests/integration/pglite-process.test.ts kills it with SIGKILL and checks that the PGlite process
 * notices, closes the folder and releases its lock.
 */
import { sql } from "drizzle-orm";
import { openDatabase } from "../../src/server/db/client";

const handle = openDatabase({ pgliteDataDir: process.argv[2] });
await handle.db.execute(sql`select 1`);
process.stdout.write(`PRET ${handle.embedded?.pid}\n`);
setInterval(() => {}, 60_000);

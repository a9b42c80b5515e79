/**
 * One app instance's start-up, as a process of its own (the two-instances test runs two at once):
 * migrations and demo seed as the server does them, then the readiness check. Prints one JSON line.
 *
 *   DATABASE_URL=postgres://… tsx tests/support/instance-startup.ts
 */
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf } from "@/server/db/client";
import { checkReadiness } from "@/server/observability/readiness";
import { migrateAndSeed } from "@/server/startup";

async function main() {
  const handle = openDatabase({ url: process.env.DATABASE_URL, pgliteDataDir: process.env.PGLITE_DATA_DIR });
  try {
    await migrateAndSeed(handle, true);
    // The index build is the engine's business (tested elsewhere): here, what the start-up shares.
    const readiness = await checkReadiness({ handle, matchingIndexReady: true, stopping: false, mailWorker: null });
    const [counts] = rowsOf<{ users: number; missions: number }>(
      await handle.db.execute(sql`select (select count(*) from users)::int as "users", (select count(*) from missions)::int as "missions"`),
    );
    process.stdout.write(`${JSON.stringify({ ready: readiness.ready, readiness, counts })}\n`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ ready: false, error: (error as Error).message })}\n`);
  process.exit(1);
});

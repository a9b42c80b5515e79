import { serverEnv } from "@/server/env";
import { logger } from "@/server/observability/logger";
import { openDatabase, type Database, type DatabaseHandle } from "./client";

// Next.js reloads modules in development: keep one connection per process.
const globalForDb = globalThis as typeof globalThis & { __pvtDatabase?: DatabaseHandle };

function handle(): DatabaseHandle {
  globalForDb.__pvtDatabase ??= openDatabase({
    url: serverEnv().DATABASE_URL,
    pgliteDataDir: serverEnv().PGLITE_DATA_DIR,
    pgliteInProcess: serverEnv().PGLITE_IN_PROCESS === "1",
    log: (message) => logger().warn({ event: "db.pglite_process" }, `base PGlite embarquée : ${message}`),
  });
  return globalForDb.__pvtDatabase;
}

/** The application's database (PGlite by default, Postgres when DATABASE_URL is set). */
export function db(): Database {
  return handle().db;
}

export function databaseHandle(): DatabaseHandle {
  return handle();
}

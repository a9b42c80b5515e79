import path from "node:path";
import type { DatabaseHandle } from "./client";

// Resolved from the project root: the same path works for Next's bundle, scripts and tests.
export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

/** Applies the committed SQL migrations; running it twice changes nothing. */
export async function applyMigrations(handle: DatabaseHandle, migrationsFolder = MIGRATIONS_FOLDER) {
  if (handle.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each migrator wants its own driver's type
    await migrate(handle.db as any, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each migrator wants its own driver's type
    await migrate(handle.db as any, { migrationsFolder });
  }
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { rowsOf, type DatabaseHandle } from "./client";

// Resolved from the project root: the same path works for Next's bundle, scripts and tests.
export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

/** The advisory lock under which instances migrate and seed, one at a time. */
export const STARTUP_LOCK_KEY = 748_211_014;

/** Applies the committed SQL migrations; running it twice changes nothing. */
export async function applyMigrations(handle: DatabaseHandle, migrationsFolder = MIGRATIONS_FOLDER) {
  if (handle.driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each migrator wants its own driver's type
    await migrate(handle.db as any, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each migrator wants its own driver's type
    await migrate(handle.db as any, { migrationsFolder });
  }
}

export interface MigrationStatus {
  /** Migrations this code ships. */
  known: number;
  /** Migrations recorded in the database. */
  applied: number;
  /** The database is at this code's last migration. */
  upToDate: boolean;
  /** The database holds a migration this code does not know (a newer release migrated it). */
  newerThanCode: boolean;
}

let journal: { count: number; lastWhen: number } | undefined;

function knownMigrations(migrationsFolder: string) {
  if (!journal || migrationsFolder !== MIGRATIONS_FOLDER) {
    const parsed = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] };
    const read = { count: parsed.entries.length, lastWhen: Math.max(0, ...parsed.entries.map((entry) => entry.when)) };
    if (migrationsFolder !== MIGRATIONS_FOLDER) return read;
    journal = read;
  }
  return journal;
}

/** Compares drizzle's record of applied migrations with the ones this code ships (cheap: one small query). */
export async function migrationStatus(handle: DatabaseHandle, migrationsFolder = MIGRATIONS_FOLDER): Promise<MigrationStatus> {
  const known = knownMigrations(migrationsFolder);
  const [exists] = rowsOf<{ exists: boolean }>(await handle.db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as "exists"`));
  if (!exists?.exists) return { known: known.count, applied: 0, upToDate: known.count === 0, newerThanCode: false };
  const [row] = rowsOf<{ applied: number; lastWhen: string }>(
    await handle.db.execute(sql`select count(*)::int as "applied", coalesce(max(created_at), 0)::text as "lastWhen" from drizzle.__drizzle_migrations`),
  );
  const lastWhen = Number(row?.lastWhen ?? 0);
  return {
    known: known.count,
    applied: Number(row?.applied ?? 0),
    upToDate: lastWhen === known.lastWhen,
    newerThanCode: lastWhen > known.lastWhen,
  };
}

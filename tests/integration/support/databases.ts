import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";

/** The server the global set-up found or started (tests/support/global-setup.ts). */
export const TEST_DATABASE_URL = inject("testDatabaseUrl") || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

export type DatabaseKind = "pglite" | "postgres";
export const DATABASE_KINDS: DatabaseKind[] = ["pglite", "postgres"];

/** A fresh, migrated database: in-memory PGlite, or a new database on the Postgres server. */
export async function createTestDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === "pglite") {
    const handle = openDatabase({ pgliteDataDir: "memory://" });
    await applyMigrations(handle);
    return handle;
  }
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  const name = `pvt_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end({ timeout: 1 }).catch(() => {});
    throw new Error(
      `Le serveur Postgres des tests est injoignable (${TEST_DATABASE_URL}) : ${(error as Error).message}. ` +
        "Démarrez-le ou définissez TEST_DATABASE_URL ; les tests d'intégration tournent sur PGlite ET sur Postgres.",
    );
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase({ url: url.toString() });
  await applyMigrations(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Runs the same suite against PGlite and against the Postgres server. */
export function describeOnBothDatabases(title: string, suite: (database: () => DatabaseHandle) => void) {
  describe.each(DATABASE_KINDS)(`${title} [%s]`, (kind) => {
    let handle: DatabaseHandle | undefined;
    beforeAll(async () => {
      handle = await createTestDatabase(kind);
    });
    afterAll(async () => {
      await handle?.close();
    });
    suite(() => {
      if (!handle) throw new Error("Base de test non initialisée");
      return handle;
    });
  });
}

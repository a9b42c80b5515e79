import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/server/db/client";
import { createTestDatabase } from "./support/databases";

/** What a migration produced: columns with types, nullability and defaults, then indexes and constraints. */
async function describeSchema(handle: DatabaseHandle) {
  const columns = await handle.db.execute(sql`
    select table_name, column_name, data_type, udt_name, is_nullable, column_default
    from information_schema.columns where table_schema = 'public'
    order by table_name, column_name`);
  const indexes = await handle.db.execute(sql`
    select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by tablename, indexname`);
  const constraints = await handle.db.execute(sql`
    select conrelid::regclass::text as table_name, conname, pg_get_constraintdef(oid) as definition
    from pg_constraint where connamespace = 'public'::regnamespace
      and contype <> 'n' -- PostgreSQL 18 lists NOT NULL as constraints; columns already carry it
    order by 1, 2`);
  const rows = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows);
  return { columns: rows(columns), indexes: rows(indexes), constraints: rows(constraints) };
}

describe("migrations", () => {
  let pglite: DatabaseHandle;
  let server: DatabaseHandle;
  beforeAll(async () => {
    pglite = await createTestDatabase("pglite");
    server = await createTestDatabase("postgres");
  });
  afterAll(async () => {
    await pglite?.close();
    await server?.close();
  });

  it("produce the same schema on PGlite and on the Postgres server", async () => {
    const [embedded, remote] = await Promise.all([describeSchema(pglite), describeSchema(server)]);
    expect(embedded.columns.length).toBeGreaterThan(30);
    expect(embedded).toEqual(remote);
  });
});

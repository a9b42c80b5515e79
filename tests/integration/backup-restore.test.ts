import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { dumpDatabase, restoreDatabase } from "@/server/db/backup";
import { rowsOf, type DatabaseHandle } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { seedDemoData } from "@/server/db/seed";
import { createTestDatabase, describeOnBothDatabases } from "./support/databases";

const folder = mkdtempSync(path.join(tmpdir(), "pvt-sauvegarde-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Every row of every public table, as text, in a stable order. */
async function contents(handle: DatabaseHandle) {
  const tables = rowsOf<{ name: string }>(
    await handle.db.execute(sql`select table_name as "name" from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`),
  ).map((row) => row.name);
  const all: Record<string, string[]> = {};
  for (const table of tables) {
    all[table] = rowsOf<{ row: string }>(await handle.db.execute(sql.raw(`select row_to_json(t)::text as "row" from "${table}" t`)))
      .map((row) => row.row)
      .sort();
  }
  return all;
}

describeOnBothDatabases("backup and restore", (database) => {
  // Each dump is restored into the other kind: PGlite → Postgres, Postgres → PGlite.
  it("restores a dump of the seeded database into an empty one with the same rows", async () => {
    const source = database();
    await seedDemoData(source.db);
    const file = path.join(folder, `sauvegarde-${source.kind}.sql`);
    const dumped = await dumpDatabase(source, file);
    expect(dumped.tables.users).toBeGreaterThan(0);
    expect(dumped.tables.missions).toBeGreaterThan(0);

    {
      const target = await createTestDatabase(source.kind === "pglite" ? "postgres" : "pglite");
      try {
        const restored = await restoreDatabase(target, file);
        expect(restored.tables).toEqual(dumped.tables);
        expect(await contents(target)).toEqual(await contents(source));
        // Serial ids go on after the restored ones.
        await target.db.insert(users).values({ proconnectSub: "apres-restauration", idpId: "test", email: "apres@exemple.gouv.fr" });
        // A second restore into the now non-empty database is refused, nothing changes.
        await expect(restoreDatabase(target, file)).rejects.toThrow(/pas vide/);
      } finally {
        await target.close();
      }
    }
  }, 480_000);

  it("refuses a file that is not one of its dumps", async () => {
    const file = path.join(folder, "autre.sql");
    await import("node:fs/promises").then((fs) => fs.writeFile(file, "drop table users;\n"));
    await expect(restoreDatabase(database(), file)).rejects.toThrow(/n'est pas une sauvegarde/);
    expect(readFileSync(file, "utf8")).toContain("drop table");
  });
});

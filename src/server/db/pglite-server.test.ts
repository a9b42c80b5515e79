import { connect, type Socket } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPgliteServer, type PgliteServer } from "./pglite-server";

/** Wire-protocol messages, written by hand: what a driver sends, split where a driver may split. */
function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(5);
  header.write(type, 0, "ascii");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
const cstring = (text: string) => Buffer.from(`${text}\0`, "utf8");
const int16 = (value: number) => Buffer.from([(value >> 8) & 0xff, value & 0xff]);
const int32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
};
function startup(): Buffer {
  const body = Buffer.concat([int32(196608), cstring("user"), cstring("postgres"), cstring("database"), cstring("postgres"), Buffer.from([0])]);
  return Buffer.concat([int32(body.length + 4), body]);
}
const parse = (name: string, query: string) => message("P", cstring(name), cstring(query), int16(0));
const bind = (value: string) => message("B", cstring(""), cstring(""), int16(0), int16(1), int32(Buffer.byteLength(value)), Buffer.from(value), int16(0));
const execute = () => message("E", cstring(""), int32(0));
const sync = () => message("S");
const query = (text: string) => message("Q", cstring(text));

interface Received {
  type: string;
  body: Buffer;
}

/** A raw client: every backend message it received, in order. */
async function rawClient(address: string) {
  const socket: Socket = connect(address);
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  const received: Received[] = [];
  let pending = Buffer.alloc(0);
  const waiters: (() => void)[] = [];
  let sslAnswer: ((answer: string) => void) | undefined;
  socket.on("data", (chunk: Buffer) => {
    if (sslAnswer) {
      // The one-byte answer to an SSLRequest comes before any message.
      sslAnswer(chunk.toString("ascii", 0, 1));
      sslAnswer = undefined;
      chunk = chunk.subarray(1);
    }
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 5 && pending.length >= 1 + pending.readInt32BE(1)) {
      const length = 1 + pending.readInt32BE(1);
      received.push({ type: String.fromCharCode(pending[0]!), body: pending.subarray(5, length) });
      pending = pending.subarray(length);
    }
    for (const wake of waiters.splice(0)) wake();
  });
  const readyCount = () => received.filter((entry) => entry.type === "Z").length;
  return {
    socket,
    received,
    send: (...buffers: Buffer[]) => socket.write(Buffer.concat(buffers)),
    sslRequest: () =>
      new Promise<string>((resolve) => {
        sslAnswer = resolve;
        socket.write(Buffer.concat([int32(8), int32(80877103)]));
      }),
    /** Waits for the n-th ReadyForQuery since the connection opened. */
    async ready(n: number) {
      while (readyCount() < n) await new Promise<void>((resolve) => waiters.push(resolve));
      return received.filter((entry) => entry.type === "Z")[n - 1]!.body.toString("ascii");
    },
    /** The text of the first column of every DataRow received. */
    values: () =>
      received
        .filter((entry) => entry.type === "D")
        .map((entry) => {
          const length = entry.body.readInt32BE(2);
          return entry.body.toString("utf8", 6, 6 + length);
        }),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the PGlite wire-protocol server", () => {
  let pg: PGlite;
  let server: PgliteServer;
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), "pvt-pglite-server-"));
    pg = new PGlite();
    server = await startPgliteServer(pg, { path: path.join(folder, ".s.PGSQL.5432") });
  });
  afterAll(async () => {
    await server?.close();
    await pg?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("keeps one connection's extended-query sequence whole: another's query waits for its Sync", async () => {
    const a = await rawClient(server.address as string);
    const b = await rawClient(server.address as string);
    a.send(startup());
    b.send(startup());
    expect(await a.ready(1)).toBe("I");
    expect(await b.ready(1)).toBe("I");

    // A parses and binds its unnamed statement, and has not sent Sync yet.
    a.send(parse("", "select ($1::int + 1)::text"), bind("41"));
    await pause(100);
    // B's query arrives now: run in between, it would replace A's unnamed statement and portal.
    b.send(query("select 'b'"));
    await pause(150);
    expect(b.values()).toEqual([]);
    expect(server.stats().holder).toBeDefined();

    a.send(execute(), sync());
    expect(await a.ready(2)).toBe("I");
    expect(a.values()).toEqual(["42"]);
    expect(await b.ready(2)).toBe("I");
    expect(b.values()).toEqual(["b"]);
    a.socket.end();
    b.socket.end();
  });

  it("keeps a transaction to its connection, failed or not, until it ends", async () => {
    const a = await rawClient(server.address as string);
    const b = await rawClient(server.address as string);
    a.send(startup());
    b.send(startup());
    await a.ready(1);
    await b.ready(1);
    a.send(query("begin"));
    expect(await a.ready(2)).toBe("T");
    a.send(query("select 1/0"));
    expect(await a.ready(3)).toBe("E");
    b.send(query("select 'b'"));
    await pause(150);
    expect(b.values()).toEqual([]);
    a.send(query("rollback"));
    expect(await a.ready(4)).toBe("I");
    expect(await b.ready(2)).toBe("I");
    expect(b.values()).toEqual(["b"]);
    a.socket.end();
    b.socket.end();
  });

  it("rolls back the transaction of a connection that disconnects, and closes its named statements", async () => {
    const a = await rawClient(server.address as string);
    a.send(startup());
    await a.ready(1);
    a.send(query("create table if not exists t (x int)"), parse("gardee", "select 1"), sync(), query("begin"), query("insert into t values (1)"));
    await a.ready(4);
    a.socket.destroy();
    const b = await rawClient(server.address as string);
    b.send(startup(), query("select count(*)::text from t"), query("select count(*)::text from pg_prepared_statements where name = 'gardee'"));
    await b.ready(3);
    expect(b.values()).toEqual(["0", "0"]);
    expect(await b.ready(3)).toBe("I");
    b.socket.end();
  });

  it("answers N to an SSL request, then serves the connection in clear", async () => {
    const a = await rawClient(server.address as string);
    expect(await a.sslRequest()).toBe("N");
    a.send(startup(), query("select 'clair'"));
    await a.ready(2);
    expect(a.values()).toEqual(["clair"]);
    a.socket.end();
  });
});

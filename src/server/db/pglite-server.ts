/**
 * A Postgres wire-protocol server in front of one PGlite instance, so that clients (the app's
 * `postgres` driver, psql) reach the embedded database through a socket, from another process.
 *
 * PGlite is one backend session. Several client connections share it under two rules:
 * - the session runs one batch of complete protocol messages at a time (PGlite is synchronous);
 * - a connection keeps the session until the backend says « idle » again: from its first message
 *   until a ReadyForQuery whose status is 'I'. A transaction ('T', or 'E' once it failed), an
 *   extended-query sequence not yet closed by Sync, a COPY in progress: other connections wait
 *   their turn, in arrival order, and never see another connection's unnamed statement, portal or
 *   transaction.
 * A connection that goes away while it holds the session is rolled back; the named prepared
 * statements it created are closed, so the shared session does not accumulate them.
 *
 * Not supported (PGlite has no backend to signal): CancelRequest is read and ignored. No
 * authentication: listen on a Unix socket in a private folder (see pglite-process.ts).
 */
import { createServer, type Server, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);

function queryMessage(text: string): Buffer {
  const body = Buffer.from(`${text}\0`, "utf8");
  const header = Buffer.alloc(5);
  header.write("Q", 0, "ascii");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function closeStatementMessage(name: string): Buffer {
  const body = Buffer.concat([Buffer.from("S", "ascii"), Buffer.from(`${name}\0`, "utf8")]);
  const header = Buffer.alloc(5);
  header.write("C", 0, "ascii");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** Follows the backend's messages across chunks and remembers the status of the last ReadyForQuery. */
class ReadyForQueryScanner {
  private header = Buffer.alloc(0);
  private remaining = 0;
  private type = 0;
  /** Status byte of the last ReadyForQuery ('I', 'T' or 'E'), if the output ended with one. */
  lastStatus: string | undefined;

  push(chunk: Uint8Array) {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining === 0) {
        const need = 5 - this.header.length;
        const take = Math.min(need, chunk.length - offset);
        this.header = Buffer.concat([this.header, chunk.subarray(offset, offset + take)]);
        offset += take;
        if (this.header.length < 5) return;
        this.type = this.header[0]!;
        this.remaining = this.header.readInt32BE(1) - 4;
        this.header = Buffer.alloc(0);
        this.lastStatus = undefined;
        if (this.remaining === 0) continue;
      }
      const take = Math.min(this.remaining, chunk.length - offset);
      if (this.type === 0x5a /* Z */ && take > 0) this.lastStatus = String.fromCharCode(chunk[offset]!);
      this.remaining -= take;
      offset += take;
    }
  }

  /** True when the output ended on a complete ReadyForQuery 'I'. */
  get idle(): boolean {
    return this.remaining === 0 && this.header.length === 0 && this.lastStatus === "I";
  }
}

interface Connection {
  id: number;
  socket: Socket;
  buffer: Buffer;
  started: boolean;
  /** The socket closed: what it held must be undone before anyone else runs. */
  closed: boolean;
  cleaned: boolean;
  /** Named prepared statements this connection created in the shared session. */
  statements: Set<string>;
}

export interface PgliteServerStats {
  connections: number;
  waiting: number;
  /** The connection holding the session (transaction or unfinished sequence), if any. */
  holder: number | undefined;
}

export interface PgliteServer {
  /** The Unix socket path, or the TCP port, clients connect to. */
  address: string | number;
  stats(): PgliteServerStats;
  /** Stops accepting, ends the connections (rolling back what they held) and waits for the session to be idle. */
  close(): Promise<void>;
}

export type PgliteServerListen = { path: string } | { port: number; host?: string };

export async function startPgliteServer(pg: PGlite, listen: PgliteServerListen, log: (message: string) => void = () => {}): Promise<PgliteServer> {
  await pg.waitReady;
  const connections = new Set<Connection>();
  /** Connections with work to do, in arrival order. */
  const waiting: Connection[] = [];
  let holder: Connection | undefined;
  let pumping: Promise<void> | undefined;
  let nextId = 1;

  /** Complete messages at the head of the connection's buffer; special start-up requests are answered here. */
  function takeMessages(connection: Connection): Buffer | undefined {
    const parts: Buffer[] = [];
    let buffer = connection.buffer;
    while (buffer.length >= 4) {
      if (!connection.started) {
        if (buffer.length < 8) break;
        const length = buffer.readInt32BE(0);
        const code = buffer.readInt32BE(4);
        if (buffer.length < length) break;
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          connection.socket.write("N");
          buffer = buffer.subarray(length);
          continue;
        }
        if (code === CANCEL_REQUEST) {
          buffer = buffer.subarray(length);
          connection.socket.end();
          continue;
        }
        if (code !== PROTOCOL_3) {
          connection.socket.destroy();
          buffer = Buffer.alloc(0);
          break;
        }
        // The start-up packet goes alone: PGlite answers it on a path of its own.
        if (parts.length > 0) break;
        connection.started = true;
        connection.buffer = buffer.subarray(length);
        return Buffer.from(buffer.subarray(0, length));
      }
      if (buffer.length < 5) break;
      const length = 1 + buffer.readInt32BE(1);
      if (buffer.length < length) break;
      const message = buffer.subarray(0, length);
      buffer = buffer.subarray(length);
      const type = message[0];
      if (type === 0x58 /* X: Terminate */) {
        connection.socket.end();
        buffer = Buffer.alloc(0);
        break;
      }
      if (type === 0x50 /* P: Parse */) {
        const end = message.indexOf(0, 5);
        const name = message.toString("utf8", 5, end);
        if (name) connection.statements.add(name);
      } else if (type === 0x43 /* C: Close */ && message[5] === 0x53 /* S */) {
        connection.statements.delete(message.toString("utf8", 6, message.indexOf(0, 6)));
      }
      parts.push(message);
    }
    connection.buffer = buffer;
    return parts.length > 0 ? Buffer.concat(parts) : undefined;
  }

  function hasCompleteMessage(connection: Connection): boolean {
    const buffer = connection.buffer;
    if (!connection.started) return buffer.length >= 8 && buffer.length >= buffer.readInt32BE(0);
    return buffer.length >= 5 && buffer.length >= 1 + buffer.readInt32BE(1);
  }

  function hasWork(connection: Connection): boolean {
    return connection.closed ? !connection.cleaned : hasCompleteMessage(connection);
  }

  /** Runs one batch on the session; returns true when the backend is idle afterwards. */
  async function execute(batch: Uint8Array, onOutput?: (data: Buffer) => void): Promise<boolean> {
    const scanner = new ReadyForQueryScanner();
    await pg.runExclusive(() =>
      pg.execProtocolRawStream(batch, {
        onRawData: (data) => {
          scanner.push(data);
          onOutput?.(Buffer.from(data));
        },
      }),
    );
    return scanner.idle;
  }

  /** Undoes what a departed connection left in the shared session. */
  async function cleanUp(connection: Connection) {
    connection.cleaned = true;
    const messages: Buffer[] = [];
    if (holder === connection) messages.push(SYNC);
    for (const name of connection.statements) messages.push(closeStatementMessage(name), SYNC);
    if (messages.length > 0) await execute(Buffer.concat(messages));
    if (holder === connection && pg.isInTransaction()) {
      log(`connexion ${connection.id} fermée au milieu d'une transaction : annulée`);
      await execute(queryMessage("rollback"));
    }
    if (holder === connection) holder = undefined;
  }

  async function pump() {
    for (;;) {
      let connection: Connection | undefined;
      if (holder) {
        if (!hasWork(holder)) return;
        connection = holder;
      } else {
        const index = waiting.findIndex(hasWork);
        if (index === -1) {
          waiting.length = 0;
          return;
        }
        connection = waiting.splice(index, 1)[0]!;
      }
      if (connection.closed) {
        await cleanUp(connection);
        continue;
      }
      const batch = takeMessages(connection);
      if (batch) {
        const socket = connection.socket;
        try {
          const idle = await execute(batch, (data) => {
            if (socket.writable) socket.write(data);
          });
          holder = idle ? undefined : connection;
        } catch (error) {
          log(`connexion ${connection.id} : ${(error as Error).message}`);
          holder = connection;
          socket.destroy();
        }
      }
      if (!holder && hasWork(connection) && !waiting.includes(connection)) waiting.push(connection);
    }
  }

  function schedule(): Promise<void> {
    pumping ??= pump().finally(() => {
      pumping = undefined;
      // Work that arrived while the last batch ended.
      if (holder ? hasWork(holder) : waiting.some(hasWork)) void schedule();
    });
    return pumping;
  }

  const server: Server = createServer((socket) => {
    socket.setNoDelay?.(true);
    const connection: Connection = { id: nextId++, socket, buffer: Buffer.alloc(0), started: false, closed: false, cleaned: false, statements: new Set() };
    connections.add(connection);
    socket.on("data", (chunk: Buffer) => {
      connection.buffer = connection.buffer.length === 0 ? chunk : Buffer.concat([connection.buffer, chunk]);
      if (holder !== connection && !waiting.includes(connection)) waiting.push(connection);
      void schedule();
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      connection.closed = true;
      connection.buffer = Buffer.alloc(0);
      connections.delete(connection);
      if (connection.statements.size === 0 && holder !== connection) {
        connection.cleaned = true;
        const index = waiting.indexOf(connection);
        if (index !== -1) waiting.splice(index, 1);
        return;
      }
      if (holder !== connection && !waiting.includes(connection)) waiting.push(connection);
      void schedule();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    if ("path" in listen) server.listen(listen.path, () => resolve());
    else server.listen(listen.port, listen.host ?? "127.0.0.1", () => resolve());
  });
  const bound = server.address();
  const address = "path" in listen ? listen.path : typeof bound === "object" && bound ? bound.port : listen.port;

  return {
    address,
    stats: () => ({ connections: connections.size, waiting: waiting.filter(hasWork).length, holder: holder?.id }),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of connections) connection.socket.end();
      // Sockets that do not finish their goodbye in time are cut.
      const cut = setTimeout(() => {
        for (const connection of connections) connection.socket.destroy();
      }, 2000);
      await closed;
      clearTimeout(cut);
      while (pumping) await pumping;
    },
  };
}

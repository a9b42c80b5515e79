/**
 * The embedded database's own process: PGlite on the data folder, served on a Unix socket
 * (pglite-server.ts) to the app, which forked this process (pglite-embedded.ts) and talks to it
 * with the `postgres` driver. PGlite runs each query synchronously: here a slow query stalls this
 * process only, and the app's event loop keeps answering.
 *
 * Started with PGLITE_PROCESS_DATA_DIR and PGLITE_PROCESS_SOCKET and an IPC channel. It stops when
 * the app says so or when the app is gone (the IPC channel closes), never on its own SIGINT or
 * SIGTERM: the app drains its requests first and closes this database last.
 */
import { mkdirSync, rmdirSync, rmSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { acquireDataDirLock } from "./pglite-lock";
import { startPgliteServer, type PgliteServer } from "./pglite-server";

type ToParent = { type: "ready"; pid: number } | { type: "failed"; message: string } | { type: "log"; message: string };

function tell(message: ToParent) {
  if (process.send && process.connected) process.send(message);
  else if (message.type !== "ready") console.error(`[pglite] ${message.message}`);
}

async function main() {
  const dataDir = process.env.PGLITE_PROCESS_DATA_DIR;
  const socketPath = process.env.PGLITE_PROCESS_SOCKET;
  if (!dataDir || !socketPath) throw new Error("PGLITE_PROCESS_DATA_DIR et PGLITE_PROCESS_SOCKET sont requis");
  const folder = path.resolve(dataDir);
  mkdirSync(folder, { recursive: true });
  const release = acquireDataDirLock(folder);
  let pg: PGlite | undefined;
  let server: PgliteServer | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (reason: string) =>
    (stopping ??= (async () => {
      try {
        await server?.close();
        if (pg && !pg.closed) await pg.close();
      } catch (error) {
        tell({ type: "log", message: `arrêt (${reason}) : ${(error as Error).message}` });
      } finally {
        release();
        // The socket's private folder (made by the app, which may be gone and unable to remove it).
        if (process.platform !== "win32") {
          try {
            rmSync(socketPath, { force: true });
            rmdirSync(path.dirname(socketPath));
          } catch {
            // Not empty, or already removed by the app.
          }
        }
      }
      process.exit(0);
    })());
  // The app stops us once its requests are done; a terminal's Ctrl-C reaches us too, and is ignored.
  if (process.send) {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => {});
    process.on("message", (message: { type?: string }) => {
      if (message?.type === "stop") void stop("demandé par l'application");
    });
    process.on("disconnect", () => void stop("l'application s'est arrêtée"));
  } else {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stop(signal));
  }
  try {
    pg = new PGlite(folder);
    await pg.waitReady;
    server = await startPgliteServer(pg, { path: socketPath }, (message) => tell({ type: "log", message }));
  } catch (error) {
    release();
    throw error;
  }
  if (stopping) return;
  tell({ type: "ready", pid: process.pid });
}

main().catch((error: unknown) => {
  tell({ type: "failed", message: (error as Error).message ?? String(error) });
  // Let the IPC message leave before exiting.
  setTimeout(() => process.exit(1), 50);
});

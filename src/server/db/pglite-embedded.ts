import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The embedded database in a process of its own (pglite-process.ts), reached through a Unix
 * socket in a private temporary folder (mode 0700: only this user can connect; PGlite asks no
 * password).
 */
export interface EmbeddedPglite {
  /** Resolves once PGlite is open and the socket accepts connections; rejects if the process could not start. */
  ready: Promise<void>;
  /** A connected socket for the `postgres` driver (its `socket` option). */
  connect(): Promise<Socket>;
  /** Asks the process to close PGlite (flushing the data folder) and waits for it to exit. */
  stop(): Promise<void>;
  readonly pid: number | undefined;
}

const STOP_DEADLINE_MS = 20_000;

/** The child's entry, run from the sources (like scripts/serve.ts, through tsx). */
function entry(): string {
  return path.join(process.cwd(), "src", "server", "db", "pglite-process.ts");
}

export function startEmbeddedPglite(dataDir: string, log: (message: string) => void = () => {}): EmbeddedPglite {
  const folder = mkdtempSync(path.join(tmpdir(), "pvt-pglite-"));
  const socketPath = path.join(folder, ".s.PGSQL.5432");
  const child: ChildProcess = fork(entry(), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, PGLITE_PROCESS_DATA_DIR: path.resolve(dataDir), PGLITE_PROCESS_SOCKET: socketPath },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exitCode = code ?? (signal ? -1 : null);
      rmSync(folder, { recursive: true, force: true });
      resolve();
    }),
  );
  let stopping = false;
  let failure: string | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    child.on("message", (message: { type?: string; message?: string }) => {
      if (message.type === "ready") resolve();
      else if (message.type === "failed") failure = message.message;
      else if (message.type === "log" && message.message) log(message.message);
    });
    void exited.then(() => {
      const reason = failure ?? `le processus PGlite s'est arrêté (code ${exitCode})`;
      if (!stopping) log(reason);
      reject(new Error(reason));
    });
  });
  // Whoever waits on `ready` sees the failure; an unobserved one must not crash the app.
  ready.catch(() => {});

  return {
    ready,
    pid: child.pid,
    async connect() {
      await ready;
      if (exitCode !== undefined) throw new Error(failure ?? `le processus PGlite s'est arrêté (code ${exitCode})`);
      return new Promise<Socket>((resolve, reject) => {
        const socket = connect(socketPath);
        socket.once("error", reject);
        socket.once("connect", () => {
          socket.off("error", reject);
          resolve(socket);
        });
      });
    },
    async stop() {
      stopping = true;
      if (exitCode !== undefined) return;
      if (child.connected) child.send({ type: "stop" });
      const deadline = setTimeout(() => {
        log(`le processus PGlite ne s'est pas arrêté en ${STOP_DEADLINE_MS / 1000} s : arrêt forcé`);
        child.kill("SIGKILL");
      }, STOP_DEADLINE_MS);
      await exited;
      clearTimeout(deadline);
    },
  };
}

import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The embedded database in a process of its own (pglite-process.ts), reached through a Unix
 * socket in a private temporary folder (mode 0700: only this user can connect; PGlite asks no
 * password). If that process dies while the app runs (a crash of PGlite), the next connection
 * starts a new one on the same folder: the app does not stay up on a dead database.
 */
export interface EmbeddedPglite {
  /** Resolves once PGlite is open and the socket accepts connections; rejects if the process could not start. */
  readonly ready: Promise<void>;
  /** A connected socket for the `postgres` driver (its `socket` option). */
  connect(): Promise<Socket>;
  /** Asks the process to close PGlite (flushing the data folder) and waits for it to exit. */
  stop(): Promise<void>;
  /** The PGlite process's id (the current one, after a restart). */
  readonly pid: number | undefined;
}

const STOP_DEADLINE_MS = 20_000;
/** A process that died is started again at most this often. */
const RESTART_INTERVAL_MS = 2_000;

/** The child's entry, run from the sources (like scripts/serve.ts, through tsx). */
function entry(): string {
  return path.join(process.cwd(), "src", "server", "db", "pglite-process.ts");
}

interface Running {
  pid: number | undefined;
  socketPath: string;
  ready: Promise<void>;
  exited: Promise<void>;
  exitCode: number | null | undefined;
  failure: string | undefined;
  send(message: unknown): void;
  kill(): void;
  startedAt: number;
}

export function startEmbeddedPglite(dataDir: string, log: (message: string) => void = () => {}): EmbeddedPglite {
  let stopping = false;

  function spawnProcess(): Running {
    // Node on Windows listens on named pipes, not on socket files (development machines only).
    const folder = process.platform === "win32" ? undefined : mkdtempSync(path.join(tmpdir(), "pvt-pglite-"));
    const socketPath = folder ? path.join(folder, ".s.PGSQL.5432") : `\\\\.\\pipe\\pvt-pglite-${randomUUID()}`;
    const child = fork(entry(), [], {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, PGLITE_PROCESS_DATA_DIR: path.resolve(dataDir), PGLITE_PROCESS_SOCKET: socketPath },
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    const running: Running = {
      pid: child.pid,
      socketPath,
      exitCode: undefined,
      failure: undefined,
      startedAt: Date.now(),
      send: (message) => {
        if (child.connected) child.send(message as object);
      },
      kill: () => child.kill("SIGKILL"),
      exited: Promise.resolve(),
      ready: Promise.resolve(),
    };
    running.exited = new Promise<void>((resolve) =>
      child.once("exit", (code, signal) => {
        running.exitCode = code ?? (signal ? -1 : null);
        if (folder) rmSync(folder, { recursive: true, force: true });
        resolve();
      }),
    );
    running.ready = new Promise<void>((resolve, reject) => {
      child.on("message", (message: { type?: string; message?: string }) => {
        if (message.type === "ready") resolve();
        else if (message.type === "failed") running.failure = message.message;
        else if (message.type === "log" && message.message) log(message.message);
      });
      void running.exited.then(() => {
        const reason = running.failure ?? `le processus PGlite s'est arrêté (code ${running.exitCode})`;
        if (!stopping) log(reason);
        reject(new Error(reason));
      });
    });
    // Whoever waits on `ready` sees the failure; an unobserved one must not crash the app.
    running.ready.catch(() => {});
    return running;
  }

  let current = spawnProcess();
  let everReady = false;
  void current.ready.then(() => (everReady = true), () => {});

  async function live(): Promise<Running> {
    if (current.exitCode !== undefined && !stopping && everReady) {
      // It ran, then died: start it again, on demand and at most every RESTART_INTERVAL_MS.
      const wait = current.startedAt + RESTART_INTERVAL_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (current.exitCode !== undefined && !stopping) {
        log("nouveau démarrage du processus PGlite");
        current = spawnProcess();
      }
    }
    await current.ready;
    if (current.exitCode !== undefined) throw new Error(current.failure ?? `le processus PGlite s'est arrêté (code ${current.exitCode})`);
    return current;
  }

  return {
    get ready() {
      return current.ready;
    },
    get pid() {
      return current.pid;
    },
    async connect() {
      const { socketPath } = await live();
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
      const running = current;
      if (running.exitCode !== undefined) return;
      running.send({ type: "stop" });
      const deadline = setTimeout(() => {
        log(`le processus PGlite ne s'est pas arrêté en ${STOP_DEADLINE_MS / 1000} s : arrêt forcé`);
        running.kill();
      }, STOP_DEADLINE_MS);
      await running.exited;
      clearTimeout(deadline);
    },
  };
}

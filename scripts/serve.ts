/**
 * The app's server process: Next.js behind our HTTP server, which logs one JSON line per request
 * and stops gracefully on SIGTERM (stop accepting, finish in-flight requests, let the mail worker
 * finish the email in hand, close the database). `scripts/dev.ts` runs it; production runs
 * `npm run start` (this file, on a build).
 *
 *   tsx scripts/serve.ts          production server of an existing build
 *   tsx scripts/serve.ts --dev    development server
 */
import path from "node:path";
import next from "next";
import { startHttpServer } from "../src/server/http/server";
import { giveMemoryBack } from "../src/server/memory";
import { actionNames } from "../src/server/observability/http";
import { errorFields, logger } from "../src/server/observability/logger";

// Next's own signal handlers would exit at once: ours drain first.
process.env.NEXT_MANUAL_SIG_HANDLE = "true";

/** Requests that make a period « busy » enough to give memory back after it. */
const BUSY_REQUESTS = 20;
let requestsSinceCollection = 0;

async function main() {
  const dev = process.argv.includes("--dev");
  const port = Number(process.env.PORT ?? 3000);
  const log = logger();
  const app = next({ dev, dir: process.cwd(), port, hostname: "localhost", customServer: true });
  const distDir = path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next");
  // Runs instrumentation.ts: checks, migrations under lock, demo seed, mail worker, index build.
  await app.prepare();
  const handle = app.getRequestHandler();
  const http = await startHttpServer({
    port,
    handle: (request, response) => handle(request, response),
    actionName: actionNames(distDir),
    shutdownDeadlineMs: Number(process.env.SHUTDOWN_DEADLINE_MS || 25_000),
    // A quiet server gives back the memory a busy period grew (src/server/memory.ts). « Busy »:
    // BUSY_REQUESTS since the last time, so that a load balancer's health checks between quiet
    // spells cause one collection every few minutes, not one each.
    onIdle: (requests) => {
      requestsSinceCollection += requests;
      if (requestsSinceCollection < BUSY_REQUESTS) return;
      requestsSinceCollection = 0;
      const collected = giveMemoryBack();
      if (collected) log.info({ event: "memory.idle_collection", rssMbBefore: collected.before.rssMb, ...collected.after }, "mémoire rendue après une période chargée");
    },
    onStopped: (drained) => process.exit(drained ? 0 : 1),
  });
  // Next runs instrumentation.ts (migrations, seed, workers) with its first request: make it now.
  await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => {});
  log.info({ event: "server.listening", port, dev }, `application prête sur le port ${port}`);
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void http.shutdown(signal));
}

main().catch((error: unknown) => {
  logger().fatal({ event: "server.start_failed", ...errorFields(error) }, "démarrage impossible");
  process.exit(1);
});

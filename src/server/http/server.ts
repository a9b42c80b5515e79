import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { markStopping, runShutdownHooks } from "@/server/lifecycle";
import { errorFields, logger } from "@/server/observability/logger";
import { requestIdFrom, routeOf } from "@/server/observability/http";
import { requestStorage, type RequestContext } from "@/server/observability/request-context";

export interface HttpServerOptions {
  port: number;
  hostname?: string;
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** The server action named by a request's Next-Action header. */
  actionName?(id: string): string;
  /** How long in-flight requests get to finish after SIGTERM. */
  shutdownDeadlineMs: number;
  /** Called last, after the shutdown hooks (the entry script exits there). */
  onStopped?(drained: boolean): void;
  /** Called once when requests have come and none has for `idleMs` (default 5 s), with how many came. */
  onIdle?(requests: number): void;
  idleMs?: number;
}

export interface HttpServer {
  server: Server;
  /** Stops accepting, lets in-flight requests finish (up to the deadline), then runs the shutdown hooks. */
  shutdown(reason: string): Promise<boolean>;
  inFlight(): number;
}

/**
 * The app's HTTP server around Next's request handler: one JSON log line per request (request id,
 * method, route, action, user pseudonym, role, status, duration, outcome), and a graceful stop.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const log = logger();
  let inFlight = 0;
  let stopping: Promise<boolean> | null = null;
  let drainedNow: (() => void) | null = null;
  let idleTimer: NodeJS.Timeout | undefined;
  let requestsSinceIdle = 0;
  const idleMs = options.idleMs ?? 5_000;

  const server = createServer((request, response) => {
    inFlight += 1;
    requestsSinceIdle += 1;
    clearTimeout(idleTimer);
    const started = performance.now();
    const actionId = request.headers["next-action"];
    const context: RequestContext = {
      requestId: requestIdFrom(request.headers["x-request-id"]),
      method: request.method,
      route: routeOf(request.url),
      ...(typeof actionId === "string" && actionId ? { action: options.actionName?.(actionId) ?? "action" } : {}),
    };
    response.setHeader("x-request-id", context.requestId);
    // While stopping, keep-alive connections are closed after their current response.
    if (stopping) response.setHeader("connection", "close");
    response.on("close", () => {
      inFlight -= 1;
      const completed = response.writableFinished;
      const fields = {
        event: "http.request",
        requestId: context.requestId,
        method: context.method,
        route: context.route,
        ...(context.action ? { action: context.action } : {}),
        ...(context.user ? { user: context.user, role: context.role } : {}),
        status: response.statusCode,
        durationMs: Math.round(performance.now() - started),
        outcome: completed ? (context.outcome ?? (response.statusCode >= 500 ? "error" : "ok")) : "aborted",
        ...(context.errorClass ? { errorClass: context.errorClass } : {}),
      };
      const level = context.route?.startsWith("/_next/") ? "debug" : response.statusCode >= 500 ? "error" : "info";
      log[level](fields, "requête");
      if (stopping && inFlight === 0) drainedNow?.();
      if (inFlight === 0 && options.onIdle && !stopping) {
        idleTimer = setTimeout(() => {
          const requests = requestsSinceIdle;
          requestsSinceIdle = 0;
          options.onIdle?.(requests);
        }, idleMs).unref();
      }
    });
    requestStorage().run(context, () => {
      options.handle(request, response).catch((error: unknown) => {
        log.error({ event: "http.error", requestId: context.requestId, route: context.route, ...errorFields(error) }, "requête en échec");
        if (!response.headersSent) response.statusCode = 500;
        response.end();
      });
    });
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const shutdown = (reason: string) => {
    stopping ??= (async () => {
      markStopping();
      log.info({ event: "server.stopping", reason, inFlight, deadlineMs: options.shutdownDeadlineMs }, "arrêt demandé : plus de nouvelles connexions");
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const drained = await Promise.race([
        new Promise<boolean>((resolve) => {
          if (inFlight === 0) resolve(true);
          drainedNow = () => resolve(true);
        }),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), options.shutdownDeadlineMs).unref()),
      ]);
      if (!drained) {
        log.warn({ event: "server.deadline", inFlight }, "délai d'arrêt dépassé : connexions restantes coupées");
        server.closeAllConnections();
      } else {
        server.closeIdleConnections();
      }
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      await runShutdownHooks((name, error) => log.error({ event: "server.shutdown_hook", hook: name, ...errorFields(error) }, "étape d'arrêt en échec"));
      log.info({ event: "server.stopped", drained }, "arrêt terminé");
      options.onStopped?.(drained);
      return drained;
    })();
    return stopping;
  };

  return { server, shutdown, inFlight: () => inFlight };
}

/** Errors Next caught while rendering or in a route handler: one log line, the class in the request's. */
export async function onRequestError(error: unknown, request: { path: string; method: string }, context: { routePath?: string; routeType?: string }) {
  // Inlined at build time like register's: the Edge bundle never sees the Node-only logger.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { errorFields, logger } = await import("@/server/observability/logger");
    const { routeOf } = await import("@/server/observability/http");
    const { annotateRequest, currentRequest } = await import("@/server/observability/request-context");
    const fields = errorFields(error);
    annotateRequest({ errorClass: fields.errorClass, outcome: "error" });
    logger().error(
      { event: "http.render_error", requestId: currentRequest()?.requestId, method: request.method, route: context.routePath ?? routeOf(request.path), routeType: context.routeType, ...fields },
      "erreur pendant le rendu",
    );
  }
}

export async function register() {
  // The condition is inlined at build time, so the Edge bundle never sees the Node-only start-up code.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { prepareServer } = await import("@/server/startup");
    await prepareServer();
  }
}

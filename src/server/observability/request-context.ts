import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What is known about the request being served, filled as it goes: the HTTP server sets the id
 * and the route, the session lookup adds the user's pseudonym and role, an action its name and
 * outcome. One AsyncLocalStorage per process, kept on globalThis so that the HTTP server and the
 * Next.js bundle (two copies of this module) share it.
 */
export interface RequestContext {
  requestId: string;
  method?: string;
  route?: string;
  /** The server action called, as "file#exportedName", when the request is one. */
  action?: string;
  user?: string;
  role?: string;
  outcome?: string;
  errorClass?: string;
}

const state = globalThis as typeof globalThis & { __pvtRequestContext?: AsyncLocalStorage<RequestContext> };

export function requestStorage(): AsyncLocalStorage<RequestContext> {
  state.__pvtRequestContext ??= new AsyncLocalStorage<RequestContext>();
  return state.__pvtRequestContext;
}

export function currentRequest(): RequestContext | undefined {
  return requestStorage().getStore();
}

/** Adds what the caller learnt to the current request's context (nothing outside a request). */
export function annotateRequest(fields: Partial<RequestContext>) {
  const context = currentRequest();
  if (context) Object.assign(context, fields);
}

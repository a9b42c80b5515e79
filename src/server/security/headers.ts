import { NextResponse, type NextRequest } from "next/server";

/**
 * Response hardening, applied by the middleware to every page and route (API, CSV, errors).
 * Runs in the edge runtime: Web APIs only, no Node module, no database.
 */

/** The request header that carries the nonce to the root layout (DSFR's head script). */
export const NONCE_HEADER = "x-nonce";

/** 128 random bits, base64: a fresh one per response, never reused. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export interface PolicyOptions {
  nonce: string;
  /** `next dev` evaluates code for Fast Refresh and talks over a websocket. */
  development: boolean;
  /** Origins a form may post to, or be redirected to once posted (logout goes to ProConnect). */
  formActionOrigins?: string[];
}

/**
 * A strict, nonce-based policy: only scripts carrying this response's nonce run, and the scripts
 * they load ('strict-dynamic': Next's chunks, DSFR's module). No 'unsafe-inline' for scripts.
 * Styles keep 'unsafe-inline': React's style attributes and the <style> DSFR adds for the color
 * scheme need it, and a style cannot run code.
 */
export function contentSecurityPolicy({ nonce, development, formActionOrigins = [] }: PolicyOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(development ? ["ws:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", ...formActionOrigins],
    "frame-ancestors": ["'none'"],
    "frame-src": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/** The consent page's URL holds a single-use token: it must never leave as a referrer. */
export function referrerPolicyFor(pathname: string): string {
  return pathname.startsWith("/consentement/") ? "no-referrer" : "strict-origin-when-cross-origin";
}

export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "usb=()",
].join(", ");

/** Two years, subdomains included: the service is only ever served over HTTPS in production. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

export interface HardeningOptions {
  pathname: string;
  nonce: string;
  production: boolean;
  development: boolean;
  formActionOrigins?: string[];
}

/** Every header a response carries, by name. */
export function securityHeaders(options: HardeningOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": referrerPolicyFor(options.pathname),
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(options.production ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {}),
  };
}

/** The identity provider's origin: logout posts to us, then is redirected there. */
function identityProviderOrigins(): string[] {
  const issuer = process.env.PROCONNECT_ISSUER;
  if (!issuer) return [];
  try {
    return [new URL(issuer).origin];
  } catch {
    return [];
  }
}

/**
 * The request goes on with the nonce (Next reads it from the request's Content-Security-Policy
 * header and puts it on its own scripts; the root layout reads `x-nonce` for DSFR's), and the
 * response gets the headers.
 */
export function withSecurityHeaders(request: NextRequest, requestHeaders = new Headers(request.headers)): NextResponse {
  const nonce = createNonce();
  const headers = securityHeaders({
    pathname: request.nextUrl.pathname,
    nonce,
    production: process.env.NODE_ENV === "production",
    development: process.env.NODE_ENV === "development",
    formActionOrigins: identityProviderOrigins(),
  });
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

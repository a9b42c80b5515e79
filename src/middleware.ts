import type { NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/safe-redirect";
import { withSecurityHeaders } from "@/server/security/headers";

/** Pages, as opposed to API routes, Auth.js callbacks, Next's assets and files of public/ (a dot). */
function isPage(pathname: string): boolean {
  const path = pathname.slice(1);
  return !/^(api|_next)\//.test(path) && !path.includes(".");
}

/** A thin composition: each concern keeps its logic in its own module. */
export function middleware(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  // Passes the path asked for to the pages, so that one sending a visitor to login can bring them back.
  if (isPage(request.nextUrl.pathname)) requestHeaders.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  // Every response is hardened (CSP with a nonce, frame-ancestors, nosniff…).
  return withSecurityHeaders(request, requestHeaders);
}

export const config = {
  // Every page and route (API, CSV, errors, public/ files), but not Next's hashed static files.
  matcher: ["/((?!_next/static|_next/image).*)"],
};

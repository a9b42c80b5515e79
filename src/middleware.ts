import type { NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/safe-redirect";
import { withSecurityHeaders } from "@/server/security/headers";

/** A thin composition: each concern keeps its logic in its own module. */
export function middleware(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  // The path asked for, so that a page sending a visitor to login can bring them back.
  requestHeaders.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return withSecurityHeaders(request, requestHeaders);
}

export const config = {
  // Every page and route (API, CSV, errors), but not Next's hashed static files.
  matcher: ["/((?!_next/static|_next/image).*)"],
};

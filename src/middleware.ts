import type { NextRequest } from "next/server";
import { withSecurityHeaders } from "@/server/security/headers";

/** A thin composition: each concern keeps its logic in its own module. */
export function middleware(request: NextRequest) {
  return withSecurityHeaders(request);
}

export const config = {
  // Every page and route (API, CSV, errors), but not Next's hashed static files.
  matcher: ["/((?!_next/static|_next/image).*)"],
};

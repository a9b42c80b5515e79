import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/safe-redirect";

/** Passes the path asked for to the pages, so that one sending a visitor to login can bring them back. */
export function middleware(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: no API routes, Auth.js callbacks, Next's assets or files of public/ (their names have a dot).
  matcher: ["/((?!api/|_next/|.*\\..*).*)"],
};

import type { NextRequest } from "next/server";
import { signIn } from "@/server/auth";
import { safeInternalPath } from "@/lib/safe-redirect";

/** Starts the ProConnect flow (state, nonce and PKCE are handled by Auth.js). */
export async function GET(request: NextRequest) {
  const redirectTo = safeInternalPath(request.nextUrl.searchParams.get("callbackUrl"), "/");
  await signIn("proconnect", { redirectTo });
}

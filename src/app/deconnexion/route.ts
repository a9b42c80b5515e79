import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { signOut } from "@/server/auth";
import { revokeSession } from "@/server/auth/sessions";
import { db } from "@/server/db";
import { discover } from "@/server/auth/proconnect";
import { proConnectSettings, serverEnv } from "@/server/env";

/**
 * Ends the local session (the server-side row, then the cookie), then ProConnect's through its end-session endpoint with
 * `id_token_hint`, so that the next login asks again who is there.
 */
export async function POST(request: NextRequest) {
  const env = serverEnv();
  const secureCookie = (request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol).startsWith("https");
  const token = await getToken({ req: request, secret: env.AUTH_SECRET, secureCookie });
  // The server-side session ends first: a copy of the cookie opens nothing from now on.
  if (token?.sessionId) await revokeSession(db(), token.sessionId, "deconnexion");
  await signOut({ redirect: false });
  const home = new URL("/", env.APP_URL);
  const settings = proConnectSettings(env);
  if (!token?.idToken || !settings.configured) return NextResponse.redirect(home, 303);
  try {
    const { end_session_endpoint: endSession } = await discover(settings.issuer);
    if (!endSession) return NextResponse.redirect(home, 303);
    const url = new URL(endSession);
    url.searchParams.set("id_token_hint", token.idToken);
    url.searchParams.set("state", crypto.randomUUID());
    url.searchParams.set("post_logout_redirect_uri", home.toString());
    return NextResponse.redirect(url, 303);
  } catch {
    // The local session is closed; ProConnect's will expire on its own.
    return NextResponse.redirect(new URL("/?deconnexion=partielle", env.APP_URL), 303);
  }
}

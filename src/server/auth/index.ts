import NextAuth from "next-auth";
import { db } from "@/server/db";
import { proConnectSettings, serverEnv } from "@/server/env";
import { upsertUserFromProConnect } from "@/features/identite/service";
import { errorClass, logger } from "@/server/observability/logger";
import { proConnectProvider, type ProConnectClaims } from "./proconnect";
import { openSession, revokeSession, SESSION_MAX_AGE_SECONDS } from "./sessions";

declare module "next-auth" {
  interface User {
    proconnect?: ProConnectClaims;
  }
  interface Session {
    userId?: string;
    /** The server-side session (user_sessions) the cookie names, checked on every request. */
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    sessionId?: string;
    /** Kept server-side (the cookie is encrypted) for logout with `id_token_hint`. */
    idToken?: string;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = serverEnv();
  const settings = proConnectSettings(env);
  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    // The cookie is an encrypted JWT naming a server-side session row: logout revokes the row,
    // so an old cookie opens nothing (src/server/auth/sessions.ts).
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/connexion", error: "/connexion/erreur" },
    // Auth.js's own messages as JSON lines, by class (its errors may quote claims: no message).
    logger: {
      error: (error) => logger().warn({ event: "auth.error", errorClass: error.name || errorClass(error) }, "connexion : erreur Auth.js"),
      warn: (code) => logger().warn({ event: "auth.warning", code }, "connexion : avertissement Auth.js"),
      debug: () => {},
    },
    providers: settings.configured ? [proConnectProvider(settings)] : [],
    callbacks: {
      async jwt({ token, user, account }) {
        if (account && user?.proconnect) {
          const stored = await upsertUserFromProConnect(db(), user.proconnect);
          token.userId = stored.id;
          token.sessionId = await openSession(db(), stored.id);
          if (account.id_token) token.idToken = account.id_token;
        }
        return token;
      },
      session({ session, token }) {
        if (token.userId) session.userId = token.userId;
        if (token.sessionId) session.sessionId = token.sessionId;
        return session;
      },
    },
    events: {
      // Any sign-out through Auth.js ends the server-side session too.
      async signOut(message) {
        const sessionId = "token" in message ? message.token?.sessionId : undefined;
        if (sessionId) await revokeSession(db(), sessionId, "deconnexion");
      },
    },
  };
});

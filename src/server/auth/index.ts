import NextAuth from "next-auth";
import { db } from "@/server/db";
import { proConnectSettings, serverEnv } from "@/server/env";
import { upsertUserFromProConnect } from "@/features/identite/service";
import { errorClass, logger } from "@/server/observability/logger";
import { proConnectProvider, type ProConnectClaims } from "./proconnect";

declare module "next-auth" {
  interface User {
    proconnect?: ProConnectClaims;
  }
  interface Session {
    userId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
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
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
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
          if (account.id_token) token.idToken = account.id_token;
        }
        return token;
      },
      session({ session, token }) {
        if (token.userId) session.userId = token.userId;
        return session;
      },
    },
  };
});

import type { Metadata } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { DsfrHead, getHtmlAttributes } from "@/components/dsfr/server";
import { DsfrProvider, StartDsfrOnHydration } from "@/components/dsfr/provider";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { navigationFor } from "@/components/layout/navigation";
import { navigationCounts } from "@/features/a-faire/service";
import { countUnread } from "@/features/notifications/service";
import { ROLE_LABELS, currentUser, primaryRole } from "@/server/auth/roles";
import { db } from "@/server/db";
import "./globals.css";
import { NONCE_HEADER } from "@/server/security/headers";

export const metadata: Metadata = {
  title: { default: "Partagez vos talents numériques", template: "%s — Partagez vos talents numériques" },
  description: "Des agents publics prêtent leurs compétences numériques à d'autres administrations, pour des missions courtes.",
  // Our own copies in public/ (from the DSFR's Marianne favicon), so that /favicon.ico and the
  // web manifest are served at the addresses browsers and phones look for.
  manifest: "/manifest.webmanifest",
  icons: {
    icon: [
      { url: "/favicon.svg", type: "image/svg+xml" },
      { url: "/favicon.ico", sizes: "any" },
    ],
    apple: "/apple-touch-icon.png",
  },
};

// Every page depends on the signed-in user and on live data.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const lang = "fr";
  // Set by the middleware for this response's Content-Security-Policy: DSFR's color-scheme script
  // in the head runs only with it.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  const user = await currentUser();
  const [unreadNotifications, counts] = user ? await Promise.all([countUnread(db(), user.id), navigationCounts(db(), user)]) : [0, {}];
  return (
    <html {...getHtmlAttributes({ lang })}>
      <head>
        <DsfrHead nonce={nonce} preloadFonts={["Marianne-Regular", "Marianne-Medium", "Marianne-Bold"]} doDisableFavicon />
      </head>
      <body>
        <DsfrProvider lang={lang} doCheckNonce={nonce !== undefined}>
          <StartDsfrOnHydration />
          <SkipLinks links={[{ label: "Contenu", anchor: "#contenu" }]} />
          <SiteHeader
            user={user ? { displayName: user.displayName, roleLabel: ROLE_LABELS[primaryRole(user)], unreadNotifications } : null}
            navigation={navigationFor(user, counts)}
          />
          <main id="contenu" role="main" className="fr-container fr-py-6w" tabIndex={-1}>
            {children}
          </main>
          <SiteFooter />
        </DsfrProvider>
      </body>
    </html>
  );
}

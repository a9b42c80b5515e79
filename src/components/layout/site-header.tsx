"use client";

import { Header } from "@codegouvfr/react-dsfr/Header";
import { usePathname } from "next/navigation";

export interface NavigationLink {
  text: string;
  href: string;
}

export interface SiteHeaderProps {
  user: { displayName: string; roleLabel: string; unreadNotifications: number } | null;
  navigation: NavigationLink[];
}

export function SiteHeader({ user, navigation }: SiteHeaderProps) {
  const pathname = usePathname();
  // The most specific entry wins: on /agent/profil, "Mon profil" is active, not "/agent".
  const activeHref = navigation
    .map((link) => link.href)
    .filter((href) => pathname === href || pathname.startsWith(`${href}/`))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <Header
      brandTop={
        <>
          RÉPUBLIQUE
          <br />
          FRANÇAISE
        </>
      }
      homeLinkProps={{ href: "/", title: "Accueil — Partagez vos talents numériques" }}
      serviceTitle="Partagez vos talents numériques"
      serviceTagline="Des agents publics prêtent leurs compétences numériques à d'autres administrations"
      quickAccessItems={
        user
          ? [
              {
                iconId: "fr-icon-notification-3-line",
                linkProps: { href: "/notifications" },
                // The count stays short on screen (the header has little room beside the Marianne block).
                text:
                  user.unreadNotifications > 0 ? (
                    <>
                      Notifications ({user.unreadNotifications}
                      <span className="fr-sr-only"> {user.unreadNotifications > 1 ? "non lues" : "non lue"}</span>)
                    </>
                  ) : (
                    "Notifications"
                  ),
              },
              {
                iconId: "fr-icon-account-circle-line",
                linkProps: { href: "/compte" },
                text: `${user.displayName} · ${user.roleLabel}`,
              },
              <form key="deconnexion" action="/deconnexion" method="post">
                <button type="submit" className="fr-btn fr-icon-logout-box-r-line">
                  Se déconnecter
                </button>
              </form>,
            ]
          : [
              {
                iconId: "fr-icon-lock-line",
                linkProps: { href: "/connexion" },
                text: "Se connecter avec ProConnect",
              },
            ]
      }
      navigation={navigation.map((link) => ({
        text: link.text,
        linkProps: { href: link.href },
        isActive: link.href === activeHref,
      }))}
    />
  );
}

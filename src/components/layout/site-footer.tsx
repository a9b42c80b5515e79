import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { serverEnv } from "@/server/env";

/** The footer's mention follows the accessibility statement's setting, as the RGAA asks. */
const FOOTER_ACCESSIBILITY = { non: "non compliant", partielle: "partially compliant", totale: "fully compliant" } as const;

export function SiteFooter() {
  return (
    <Footer
      brandTop={
        <>
          RÉPUBLIQUE
          <br />
          FRANÇAISE
        </>
      }
      homeLinkProps={{ href: "/", title: "Accueil — Partagez vos talents numériques" }}
      accessibility={FOOTER_ACCESSIBILITY[serverEnv().ACCESSIBILITY_COMPLIANCE]}
      contentDescription="« Partagez vos talents numériques » est une initiative de la Direction interministérielle du numérique (DINUM) : des agents publics aident, sur des missions courtes, d'autres administrations plutôt que de recourir à de la prestation."
      termsLinkProps={{ href: "/mentions-legales" }}
      websiteMapLinkProps={{ href: "/plan-du-site" }}
      accessibilityLinkProps={{ href: "/accessibilite" }}
      bottomItems={[{ text: "Données personnelles", linkProps: { href: "/donnees-personnelles" } }]}
    />
  );
}

import { Footer } from "@codegouvfr/react-dsfr/Footer";

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
      accessibility="partially compliant"
      contentDescription="« Partagez vos talents numériques » est une initiative de la Direction interministérielle du numérique (DINUM) : des agents publics aident, sur des missions courtes, d'autres administrations plutôt que de recourir à de la prestation."
      termsLinkProps={{ href: "/mentions-legales" }}
      websiteMapLinkProps={{ href: "/plan-du-site" }}
      accessibilityLinkProps={{ href: "/accessibilite" }}
      bottomItems={[{ text: "Données personnelles", linkProps: { href: "/donnees-personnelles" } }]}
    />
  );
}

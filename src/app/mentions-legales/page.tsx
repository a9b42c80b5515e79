import type { Metadata } from "next";
import Link from "next/link";
import { serverEnv } from "@/server/env";

export const metadata: Metadata = { title: "Mentions légales" };
// Deployment-specific values are read from the settings at request time, not at build time.
export const dynamic = "force-dynamic";

export default function MentionsLegalesPage() {
  const env = serverEnv();
  return (
    <>
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>
        « Partagez vos talents numériques » est édité par {env.LEGAL_CONTROLLER_NAME}, {env.LEGAL_CONTROLLER_ADDRESS}.
      </p>
      <h2>Directeur de la publication</h2>
      <p>{env.LEGAL_PUBLICATION_DIRECTOR}.</p>
      <h2>Hébergement</h2>
      <p>
        {env.LEGAL_HOST_NAME}, {env.LEGAL_HOST_ADDRESS}.
      </p>
      <h2>Contact</h2>
      <p>
        Équipe Mission Talents : <a href={`mailto:${env.LEGAL_CONTACT_EMAIL}`}>{env.LEGAL_CONTACT_EMAIL}</a>.
      </p>
      <h2>Données personnelles et accessibilité</h2>
      <p>
        Le traitement de vos données est décrit sur la page <Link href="/donnees-personnelles">Données personnelles</Link> ;
        l&apos;état d&apos;accessibilité du service, dans la <Link href="/accessibilite">déclaration d&apos;accessibilité</Link>.
      </p>
      <h2>Propriété intellectuelle</h2>
      <p>
        Sauf mention contraire, les contenus de ce service sont publiés sous la Licence Ouverte 2.0 d&apos;Etalab. La marque de
        l&apos;État et le Système de design de l&apos;État restent soumis à leurs propres conditions d&apos;utilisation.
      </p>
    </>
  );
}

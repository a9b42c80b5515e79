import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Accès refusé" };

export default function AccessDeniedPage() {
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8">
        <h1>Accès refusé</h1>
        <p className="fr-text--lead">Cette page est réservée à un autre profil d&apos;utilisateur.</p>
        <p>
          Si vous pensez devoir y accéder, contactez l&apos;équipe Mission Talents de la DINUM.{" "}
          <Link href="/">Revenir à l&apos;accueil</Link>
        </p>
      </div>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Compte supprimé" };

export default function AccountDeletedPage() {
  return (
    <>
      <h1>Votre compte est supprimé</h1>
      <p>
        Vos données personnelles sont effacées et vos candidatures en cours retirées. Les heures déjà confirmées restent comptées
        pour votre administration, sans votre nom.
      </p>
      <p>
        Merci d&apos;avoir partagé vos talents. <Link href="/">Retour à l&apos;accueil</Link>
      </p>
    </>
  );
}

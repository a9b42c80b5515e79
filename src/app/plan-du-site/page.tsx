import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Plan du site" };

export default function PlanDuSitePage() {
  return (
    <>
      <h1>Plan du site</h1>
      <ul>
        <li><Link href="/">Accueil</Link></li>
        <li><Link href="/connexion">Connexion</Link></li>
        <li><Link href="/agent">Espace agent</Link></li>
        <li><Link href="/demandeur">Espace demandeur</Link></li>
        <li><Link href="/manager">Espace manager</Link></li>
        <li><Link href="/dinum">Espace DINUM</Link></li>
        <li>
          <Link href="/compte">Mon compte</Link>
          <ul>
            <li><Link href="/compte/donnees">Mes données personnelles</Link></li>
            <li><Link href="/compte/suppression">Supprimer mon compte</Link></li>
          </ul>
        </li>
        <li><Link href="/accessibilite">Déclaration d&apos;accessibilité</Link></li>
        <li><Link href="/mentions-legales">Mentions légales</Link></li>
        <li><Link href="/donnees-personnelles">Données personnelles</Link></li>
      </ul>
    </>
  );
}

"use client";

import Link from "next/link";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8">
        <h1>Erreur inattendue</h1>
        <p className="fr-text--sm fr-mb-3w">Erreur 500</p>
        <p className="fr-text--lead">Désolé, le service rencontre un problème. Nous y travaillons.</p>
        <p>Essayez de rafraîchir la page ou réessayez un peu plus tard. Ce que vous aviez enregistré est conservé.</p>
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="button" className="fr-btn" onClick={() => reset()}>
              Réessayer
            </button>
          </li>
          <li>
            <Link className="fr-btn fr-btn--secondary" href="/">
              Page d&apos;accueil
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}

import Link from "next/link";

export default function NotFound() {
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8">
        <h1>Page non trouvée</h1>
        <p className="fr-text--sm fr-mb-3w">Erreur 404</p>
        <p className="fr-text--lead">La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.</p>
        <p>
          Si vous avez tapé l&apos;adresse web dans le navigateur, vérifiez qu&apos;elle est correcte. La page n&apos;est
          peut-être plus disponible.
        </p>
        <Link className="fr-btn" href="/">
          Page d&apos;accueil
        </Link>
      </div>
    </div>
  );
}

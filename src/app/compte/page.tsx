import type { Metadata } from "next";
import Link from "next/link";
import { MyAdministration } from "@/features/identite/components/my-administration";
import { ROLE_LABELS, requirePageUser } from "@/server/auth/roles";

export const metadata: Metadata = { title: "Mon compte" };

export default async function AccountPage() {
  const user = await requirePageUser();
  return (
    <>
      <h1>Mon compte</h1>
      <dl className="fr-mb-4w">
        <dt className="fr-text--bold">Nom</dt>
        <dd>{user.displayName}</dd>
        <dt className="fr-text--bold">Adresse électronique</dt>
        <dd>{user.email}</dd>
        <dt className="fr-text--bold">Rôles</dt>
        <dd>{user.roles.map((role) => ROLE_LABELS[role]).join(", ")}</dd>
      </dl>
      <h2 className="fr-h4">Mes données personnelles</h2>
      <p>Consultez et téléchargez tout ce que le service conserve sur vous, ou supprimez votre compte.</p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mb-5w">
        <li>
          <Link className="fr-btn fr-btn--secondary" href="/compte/donnees">
            Voir et télécharger mes données
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--tertiary" href="/compte/suppression">
            Supprimer mon compte
          </Link>
        </li>
      </ul>
      <MyAdministration user={user} />
    </>
  );
}

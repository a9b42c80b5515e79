import type { Metadata } from "next";
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
      <MyAdministration user={user} />
    </>
  );
}

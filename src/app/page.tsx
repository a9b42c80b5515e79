import { redirect } from "next/navigation";
import { ProConnectButton } from "@codegouvfr/react-dsfr/ProConnectButton";
import { ROLE_HOMES, currentUser, primaryRole } from "@/server/auth/roles";

export default async function HomePage() {
  const user = await currentUser();
  if (user) redirect(ROLE_HOMES[primaryRole(user)]);
  return (
    <>
      <h1>Partagez vos talents numériques</h1>
      <p className="fr-text--lead">
        Des agents publics prêtent leurs compétences numériques à d&apos;autres administrations, pour des missions
        courtes : quelques heures en une fois ou quelques jours sur plusieurs mois.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        <div className="fr-col-12 fr-col-md-4">
          <h2 className="fr-h4">Vous avez un talent</h2>
          <p>Décrivez vos compétences et vos disponibilités : les missions qui vous correspondent viennent à vous.</p>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <h2 className="fr-h4">Vous avez un besoin</h2>
          <p>Déposez une mission : vous recevez une liste classée d&apos;agents volontaires, avec l&apos;accord de leur manager.</p>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <h2 className="fr-h4">Plutôt que de la prestation</h2>
          <p>L&apos;expertise interne est valorisée et les heures prêtées sont compensées entre administrations.</p>
        </div>
      </div>
      <ProConnectButton url="/connexion/proconnect?callbackUrl=%2F" />
    </>
  );
}

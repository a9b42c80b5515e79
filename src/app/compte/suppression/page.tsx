import type { Metadata } from "next";
import { plural } from "@/lib/format-fr";
import Link from "next/link";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { DeleteAccountForm } from "@/features/donnees/components/delete-account-form";
import { describeDeletion } from "@/features/donnees/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Supprimer mon compte" };

export default async function DeleteAccountPage() {
  const user = await requirePageUser();
  const deletion = await describeDeletion(db(), user);
  return (
    <>
      <h1>Supprimer mon compte</h1>
      <p>
        Avant de supprimer votre compte, vous pouvez <Link href="/compte/donnees">télécharger vos données</Link>.
      </p>
      <h2 className="fr-h4">Ce que la suppression fait</h2>
      <ul>
        <li>Votre profil de talents, vos compétences, vos disponibilités et le nom de votre responsable sont effacés ; le moteur ne vous propose plus.</li>
        <li>
          {deletion.openMissions > 0
            ? `Vos candidatures et propositions en cours sont retirées (${plural(deletion.openMissions, "mission", "missions")}) ; les administrations demandeuses et l'équipe Mission Talents en sont prévenues, sans votre nom.`
            : "Vous n'avez aucune candidature ni proposition en cours."}
        </li>
        <li>Vos notifications et les courriels qui vous étaient adressés sont effacés.</li>
        <li>
          {deletion.finishedParticipations > 0
            ? `Les heures de vos ${plural(deletion.finishedParticipations, "mission terminée", "missions terminées")} restent comptées entre administrations (le registre de compensation leur appartient), sans votre nom.`
            : "Vous n'avez pas d'heures confirmées : le registre de compensation ne vous mentionne pas."}
        </li>
        <li>Le journal des décisions garde ses entrées, votre nom et votre adresse y sont remplacés par un pseudonyme.</li>
        <li>Votre session se ferme. Une nouvelle connexion avec ProConnect créerait un nouveau compte, vide.</li>
      </ul>
      {deletion.blocking.length ? (
        <Alert
          severity="warning"
          title="Vous participez à une mission en cours"
          description={`Votre participation à ${deletion.blocking.map((row) => `« ${row.title} »`).join(", ")} n'est pas terminée : l'administration compte sur vous et vos heures doivent être confirmées pour être créditées à votre administration. Vous pourrez supprimer votre compte dès que vos heures seront confirmées. Pour arrêter plus tôt, écrivez à l'administration demandeuse ou à l'équipe Mission Talents.`}
          className="fr-mb-4w"
        />
      ) : (
        <div className="fr-col-12 fr-col-md-8 fr-mt-4w">
          <DeleteAccountForm />
        </div>
      )}
    </>
  );
}

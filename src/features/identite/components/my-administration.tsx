import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { CurrentUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { CORRECTION_STATUSES, getMyAdministration, listAdministrations, type CorrectionStatus } from "../service";
import { RequestCorrectionForm } from "./request-correction-form";

const dateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" });

/** The administration rights follow, where it comes from, and the way to ask DINUM for a correction. */
export async function MyAdministration({ user }: { user: CurrentUser }) {
  const [mine, administrations] = await Promise.all([getMyAdministration(db(), user), listAdministrations(db())]);
  return (
    <section aria-labelledby="mon-administration">
      <h2 className="fr-h4" id="mon-administration">
        Mon administration
      </h2>
      <p>
        Vos droits (missions de votre administration, relevé de compensation) suivent l&apos;administration que donne
        ProConnect par son SIRET{mine.corrected ? ", corrigée à votre demande par l'équipe DINUM" : ""}.
      </p>
      <dl className="fr-mb-3w">
        <dt className="fr-text--bold">Administration</dt>
        <dd>{user.administrationName ?? "Non renseignée par ProConnect"}</dd>
        <dt className="fr-text--bold">SIRET donné par ProConnect</dt>
        <dd>{mine.siret ?? "Aucun"}</dd>
        {mine.organizationalUnit ? (
          <>
            <dt className="fr-text--bold">Service</dt>
            <dd>{mine.organizationalUnit}</dd>
          </>
        ) : null}
      </dl>
      {mine.pending ? (
        <Alert
          severity="info"
          title="Demande de correction en attente"
          description={`Demandée le ${dateFormat.format(mine.pending.createdAt)} : ${
            mine.pending.requestedAdministrationName ?? `${mine.pending.requestedName ?? ""} (SIRET ${mine.pending.requestedSiret ?? "?"})`
          }. Rien ne change avant l'approbation de l'équipe DINUM.`}
          className="fr-mb-3w"
        />
      ) : (
        <>
          <h3 className="fr-h5">Demander une correction</h3>
          <p className="fr-text--sm">
            SIRET inconnu ou erroné, service rattaché à un ensemble plus grand : l&apos;équipe DINUM vérifie votre demande.
            Votre administration ne change qu&apos;après son approbation.
          </p>
          <div className="fr-col-12 fr-col-md-8">
            <RequestCorrectionForm administrations={administrations} />
          </div>
        </>
      )}
      {mine.requests.some((request) => request.status !== "en_attente") ? (
        <>
          <h3 className="fr-h6 fr-mt-3w">Mes demandes traitées</h3>
          <ul>
            {mine.requests
              .filter((request) => request.status !== "en_attente")
              .map((request) => (
                <li key={request.id}>
                  {dateFormat.format(request.createdAt)} : {request.requestedAdministrationName ?? request.requestedName} —{" "}
                  {CORRECTION_STATUSES[request.status as CorrectionStatus] ?? request.status}
                  {request.decisionComment ? ` (« ${request.decisionComment} »)` : ""}
                </li>
              ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

import type { Metadata } from "next";
import { WithdrawConsentForm } from "@/features/consentements/components/withdraw-consent-form";
import { managerConsentsOfRequest, type ManagerConsents } from "@/features/consentements/service";
import { formatDate, formatDateRange, plural, withArticle } from "@/lib/format-fr";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Espace manager" };

const DECISIONS: Record<string, { label: string; badge: string }> = {
  approuve: { label: "Accord donné", badge: "fr-badge--success" },
  refuse: { label: "Accord refusé", badge: "fr-badge--warning" },
  retire: { label: "Accord retiré", badge: "fr-badge--error" },
};

type WaitingRequest = ManagerConsents["waiting"][number];

/** How the manager answers a waiting request. Today: the personal link of the email. */
function howToAnswer(request: WaitingRequest) {
  return (
    <p className="fr-text--sm fr-mb-0">
      Répondez avec le lien personnel reçu par courriel le {formatDate(request.sentAt)} (valable jusqu&apos;au {formatDate(request.expiresAt)}).
    </p>
  );
}

export default async function ManagerHomePage() {
  const user = await requirePageUser("manager");
  const { waiting, decided } = await managerConsentsOfRequest(db(), user);
  return (
    <>
      <h1>Espace manager</h1>
      <p className="fr-text--lead">
        Bonjour {user.givenName}.{" "}
        {waiting.length === 0
          ? "Aucune demande n'attend votre réponse."
          : `${plural(waiting.length, "demande attend", "demandes attendent")} votre réponse.`}
      </p>

      <section aria-labelledby="demandes-en-attente" className="fr-mb-6w">
        <h2 id="demandes-en-attente">Demandes en attente de votre réponse</h2>
        {waiting.length === 0 ? (
          <p>Aucune demande en attente. Quand un de vos agents accepte une mission, vous recevez un courriel et la demande apparaît ici.</p>
        ) : (
          <ul className="fr-raw-list">
            {waiting.map((request) => (
              <li key={request.candidateId} className="fr-card fr-card--no-arrow fr-mb-3w">
                <div className="fr-card__body">
                  <div className="fr-card__content">
                    <h3 className="fr-card__title">{request.agentName}</h3>
                    <p className="fr-card__desc">
                      Mission « {request.missionTitle} », proposée par {withArticle(request.requestingAdministration)} :{" "}
                      {request.totalHours ? plural(request.totalHours, "heure", "heures") : "effort à préciser"},{" "}
                      {formatDateRange(request.startDate, request.endDate)}.
                    </p>
                    {howToAnswer(request)}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="decisions-passees">
        <h2 id="decisions-passees">Mes décisions passées</h2>
        {decided.length === 0 ? (
          <p>Vous n&apos;avez encore répondu à aucune demande.</p>
        ) : (
          <ul className="fr-raw-list">
            {decided.map((request) => {
              const decision = DECISIONS[request.decision ?? ""] ?? { label: request.decision ?? "", badge: "" };
              return (
                <li key={request.candidateId} className="fr-card fr-card--no-arrow fr-mb-3w">
                  <div className="fr-card__body">
                    <div className="fr-card__content">
                      <h3 className="fr-card__title">
                        {request.agentName} — « {request.missionTitle} »
                      </h3>
                      <p className="fr-card__desc">
                        <span className={`fr-badge fr-badge--sm ${decision.badge}`}>{decision.label}</span> le {formatDate(request.decidedAt)}
                        {request.decisionComment ? <> : « {request.decisionComment} »</> : null}
                      </p>
                      <p className="fr-text--sm fr-mb-1w">
                        Mission proposée par {withArticle(request.requestingAdministration)}, {formatDateRange(request.startDate, request.endDate)}.
                      </p>
                      {request.withdrawable ? (
                        <WithdrawConsentForm candidateId={request.candidateId} agentName={request.agentName} missionTitle={request.missionTitle} />
                      ) : null}
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}

import type { Metadata } from "next";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ConsentForm } from "@/features/consentements/components/consent-form";
import { ConsentLinkError, viewConsentRequest } from "@/features/consentements/service";
import { db } from "@/server/db";
import { formatDate } from "@/lib/format-fr";

// The token is in the URL: never send it to another site as a referrer.
export const metadata: Metadata = { title: "Accord du manager", referrer: "no-referrer", robots: { index: false } };

const formatDay = (value: string | null) => formatDate(value, "à préciser");
const WORK_MODES: Record<string, string> = { distance: "À distance", sur_site: "Sur site", mixte: "Mixte (distance et sur site)" };

export default async function ConsentPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let view: Awaited<ReturnType<typeof viewConsentRequest>>;
  try {
    view = await viewConsentRequest(db(), token);
  } catch (error) {
    if (!(error instanceof ConsentLinkError)) throw error;
    return (
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8">
          <h1>Lien inutilisable</h1>
          <Alert severity="warning" title="Ce lien ne permet pas de répondre" description={error.message} />
        </div>
      </div>
    );
  }
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8">
        <h1>Votre accord est demandé</h1>
        <p className="fr-text--lead">
          {view.agentName} souhaite réaliser une mission pour {view.requestingAdministration}.
        </p>
        <h2 className="fr-h4">{view.missionTitle}</h2>
        <p>{view.missionDescription}</p>
        <dl className="fr-mb-4w">
          <dt className="fr-text--bold">Effort</dt>
          <dd>
            {view.totalHours ?? "?"} heures au total, {view.rhythm === "recurrente" ? "sur plusieurs séances" : "en une fois"}
          </dd>
          <dt className="fr-text--bold">Période</dt>
          <dd>
            du {formatDay(view.startDate)} au {formatDay(view.endDate)}
          </dd>
          <dt className="fr-text--bold">Modalités</dt>
          <dd>
            {WORK_MODES[view.workMode] ?? view.workMode}
            {view.place ? ` — ${view.place}` : ""}
          </dd>
        </dl>
        <ConsentForm token={token} agentName={view.agentName} />
      </div>
    </div>
  );
}

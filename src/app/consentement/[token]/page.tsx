import type { Metadata } from "next";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ProConnectButton } from "@codegouvfr/react-dsfr/ProConnectButton";
import { ConsentForm } from "@/features/consentements/components/consent-form";
import { checkConsentLink, ConsentIdentityError, ConsentLinkError, viewConsentRequest } from "@/features/consentements/service";
import { currentUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { formatDate } from "@/lib/format-fr";

// The token is in the URL: never send it to another site as a referrer.
export const metadata: Metadata = { title: "Accord du manager", referrer: "no-referrer", robots: { index: false } };

const formatDay = (value: string | null) => formatDate(value, "à préciser");
const WORK_MODES: Record<string, string> = { distance: "À distance", sur_site: "Sur site", mixte: "Mixte (distance et sur site)" };

function Centered({ children }: { children: React.ReactNode }) {
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8">{children}</div>
    </div>
  );
}

export default async function ConsentPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  try {
    await checkConsentLink(db(), token);
  } catch (error) {
    if (!(error instanceof ConsentLinkError)) throw error;
    return (
      <Centered>
        <h1>Lien inutilisable</h1>
        <Alert severity="warning" title="Ce lien ne permet pas de répondre" description={error.message} />
      </Centered>
    );
  }
  const viewer = await currentUser();
  if (!viewer) {
    // The link finds the request; ProConnect proves who answers. Nothing about the agent is shown before.
    return (
      <Centered>
        <h1>Votre accord est demandé</h1>
        <p>
          Un agent de votre service souhaite réaliser une mission « Partagez vos talents numériques » et a besoin de votre
          accord. Connectez-vous avec ProConnect : nous vérifions ainsi que vous êtes bien la personne à qui la demande est
          adressée, puis nous vous montrons la mission.
        </p>
        <ProConnectButton url={`/connexion/proconnect?callbackUrl=${encodeURIComponent(`/consentement/${token}`)}`} />
        <p className="fr-text--sm fr-mt-3w">
          Vous ne pouvez pas utiliser ProConnect ? Répondez au courriel de l&apos;équipe Mission Talents de la DINUM : elle
          peut recueillir votre réponse autrement.
        </p>
      </Centered>
    );
  }
  let view: Awaited<ReturnType<typeof viewConsentRequest>>;
  try {
    view = await viewConsentRequest(db(), token, viewer);
  } catch (error) {
    if (error instanceof ConsentIdentityError) {
      return (
        <Centered>
          <h1>Réponse impossible avec ce compte</h1>
          <Alert severity="error" title="Vous ne pouvez pas répondre à cette demande" description={error.message} className="fr-mb-3w" />
          <p>Connexion en cours : {viewer.email}.</p>
        </Centered>
      );
    }
    if (error instanceof ConsentLinkError) {
      return (
        <Centered>
          <h1>Lien inutilisable</h1>
          <Alert severity="warning" title="Ce lien ne permet pas de répondre" description={error.message} />
        </Centered>
      );
    }
    throw error;
  }
  return (
    <Centered>
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
      <p className="fr-text--sm">Vous répondez en tant que {viewer.displayName} ({viewer.email}), identité vérifiée par ProConnect.</p>
      <ConsentForm token={token} agentName={view.agentName} />
    </Centered>
  );
}

import { TableFrame } from "@/components/table/table-frame";
import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { LazyDetails } from "@/components/disclosure/lazy-details";
import { PaginationLinks } from "@/features/missions/components/pagination-links";
import { RecordOtherwiseForm } from "@/features/consentements/components/record-otherwise-form";
import { ResendConsentForm } from "@/features/consentements/components/resend-consent-form";
import { listPendingConsents, listRecentConsentDecisions, VERIFICATION_LABELS } from "@/features/consentements/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { formatDate } from "@/lib/format-fr";
import { pageParam } from "@/features/missions/search-params";

export const metadata: Metadata = { title: "Accords des managers en attente" };

const format = (value: Date) => formatDate(value);

function verificationOf(row: { verification: string | null; verificationDetails: Record<string, string> | null; decidedByEmail: string | null }) {
  const details = row.verificationDetails ?? {};
  if (row.verification === "proconnect") {
    const organisation = details.organisation === "ministere" ? "même ministère" : "même SIREN";
    return `${VERIFICATION_LABELS.proconnect} : ${details.email ?? "?"}, ${organisation} que l'agent`;
  }
  if (row.verification === "hors_proconnect") {
    return `${VERIFICATION_LABELS.hors_proconnect} (${row.decidedByEmail ?? "?"}) — preuve : ${details.preuve ?? "?"} ; raison : ${details.raison ?? "?"}`;
  }
  return "Lien seul (avant la vérification par ProConnect)";
}

export default async function PendingConsentsPage({ searchParams }: { searchParams: Promise<{ page?: string; filtre?: string }> }) {
  const user = await requirePageUser("dinum");
  const params = await searchParams;
  const page = pageParam(params.page);
  // `?filtre=urgents`: the late or soon-expiring consents that DINUM's home counts.
  const urgentOnly = params.filtre === "urgents";
  const basePath = urgentOnly ? "/dinum/consentements?filtre=urgents" : "/dinum/consentements";
  const [result, decided] = await Promise.all([
    listPendingConsents(db(), user, new Date(), page, { urgentOnly }),
    listRecentConsentDecisions(db(), user),
  ]);
  const pending = result.rows;
  return (
    <>
      <h1>Accords des managers en attente</h1>
      <p className="fr-text--sm">
        {urgentOnly ? (
          <>
            Seulement les accords en retard ou bientôt expirés ·{" "}
            <Link href="/dinum/consentements">Voir tous les accords en attente</Link>
          </>
        ) : (
          <Link href="/dinum/consentements?filtre=urgents">Seulement les accords en retard ou bientôt expirés</Link>
        )}
      </p>
      <p>
        Une réponse ne compte que si le manager nommé se connecte avec ProConnect (même adresse vérifiée, jamais l&apos;agent,
        même organisation que l&apos;agent). S&apos;il ne le peut pas, enregistrez ici la réponse recueillie autrement, avec sa
        preuve. Les liens personnels ne figurent nulle part dans l&apos;application.
      </p>
      {result.total === 0 ? (
        <p>{urgentOnly ? "Aucun accord en retard ou bientôt expiré." : "Aucun accord en attente."}</p>
      ) : (
        <>
          <p role="status" className="fr-text--sm">
            {result.total} accord{result.total > 1 ? "s" : ""} {urgentOnly ? "en retard ou bientôt expiré" + (result.total > 1 ? "s" : "") + ", les plus proches de l'expiration d'abord" : "en attente, les plus anciens d'abord"}
            {result.pageCount > 1 ? `, page ${result.page} sur ${result.pageCount}` : ""}.
          </p>
          <ul className="fr-raw-list">
            {pending.map((row) => (
              <li key={row.candidateId} className="fr-mb-4w fr-p-3w" style={{ border: "1px solid var(--border-default-grey)" }}>
                <h2 className="fr-h6 fr-mb-1w">
                  {row.agentGivenName} {row.agentUsualName} — <Link href={`/missions/${row.missionId}`}>{row.missionTitle}</Link>
                </h2>
                <p className="fr-mb-1w">
                  Manager : {row.managerName || "nom non renseigné"} ({row.managerEmail}) · demandé le {format(row.sentAt)}
                  {row.delivered ? "" : " · courriel pas encore parti"}
                  {row.remindedAt ? ` · relancé le ${format(row.remindedAt)}` : ""} ·{" "}
                  {row.expired ? <strong>lien expiré</strong> : `expire le ${format(row.expiresAt)}`}
                </p>
                <p className="fr-mb-2w">Vérification attendue : connexion ProConnect de {row.managerEmail}.</p>
                {row.addressProblem ? <Alert small severity="warning" description={`Cette adresse sera refusée : ${row.addressProblem}`} className="fr-mb-2w" /> : null}
                {/* Each form is rendered once its row's disclosure is opened: 20 rows used to send 40 forms. */}
                <LazyDetails summary="Renvoyer le lien, au même manager ou à une autre adresse">
                  <ResendConsentForm candidateId={row.candidateId} managerEmail={row.managerEmail} />
                </LazyDetails>
                <LazyDetails className="fr-mt-2w" summary="Le manager ne peut pas utiliser ProConnect">
                  <RecordOtherwiseForm candidateId={row.candidateId} managerEmail={row.managerEmail} />
                </LazyDetails>
              </li>
            ))}
          </ul>
          <PaginationLinks page={result.page} pageCount={result.pageCount} hrefFor={(target) => (target === 1 ? basePath : `${basePath}${urgentOnly ? "&" : "?"}page=${target}`)} />
        </>
      )}
      <h2 className="fr-h4">Dernières réponses et leur vérification</h2>
      {decided.length === 0 ? (
        <p>Aucune réponse pour l&apos;instant.</p>
      ) : (
        <TableFrame label="Dernières réponses des managers">
          <table>
            <caption className="fr-sr-only">Dernières réponses des managers</caption>
            <thead>
              <tr>
                <th scope="col">Agent et mission</th>
                <th scope="col">Manager</th>
                <th scope="col">Réponse</th>
                <th scope="col">Vérification</th>
                <th scope="col">Le</th>
              </tr>
            </thead>
            <tbody>
              {decided.map((row) => (
                <tr key={`${row.candidateId}-${row.decidedAt?.toISOString()}`}>
                  <td>
                    {row.agentGivenName} {row.agentUsualName} — {row.missionTitle}
                  </td>
                  <td>{row.managerEmail}</td>
                  <td>{row.decision === "approuve" ? "Accord" : "Refus"}</td>
                  <td>{verificationOf(row)}</td>
                  <td>{row.decidedAt ? format(row.decidedAt) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
    </>
  );
}

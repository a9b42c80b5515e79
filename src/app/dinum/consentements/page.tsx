import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { ResendConsentForm } from "@/features/consentements/components/resend-consent-form";
import { listPendingConsents } from "@/features/consentements/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Accords des managers en attente" };

const format = (value: Date) => value.toLocaleDateString("fr-FR", { dateStyle: "medium", timeZone: "Europe/Paris" });

export default async function PendingConsentsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requirePageUser("dinum");
  const requestedPage = Number((await searchParams).page ?? 1);
  const result = await listPendingConsents(db(), user, new Date(), Number.isInteger(requestedPage) && requestedPage >= 1 ? Math.min(requestedPage, 10_000) : 1);
  const pending = result.rows;
  return (
    <>
      <h1>Accords des managers en attente</h1>
      {result.total === 0 ? (
        <p>Aucun accord en attente.</p>
      ) : (
        <>
          <p role="status" className="fr-text--sm">
            {result.total} accord{result.total > 1 ? "s" : ""} en attente, les plus anciens d&apos;abord
            {result.pageCount > 1 ? `, page ${result.page} sur ${result.pageCount}` : ""}.
          </p>
          <ul className="fr-raw-list">
            {pending.map((row) => (
              <li key={row.candidateId} className="fr-mb-4w fr-p-3w" style={{ border: "1px solid var(--border-default-grey)" }}>
                <h2 className="fr-h6 fr-mb-1w">
                  {row.agentGivenName} {row.agentUsualName} — <Link href={`/missions/${row.missionId}`}>{row.missionTitle}</Link>
                </h2>
                <p className="fr-mb-2w">
                  Manager : {row.managerName || "nom non renseigné"} ({row.managerEmail}) · envoyé le {format(row.sentAt)}
                  {row.remindedAt ? ` · relancé le ${format(row.remindedAt)}` : ""} ·{" "}
                  {row.expired ? <strong>lien expiré</strong> : `expire le ${format(row.expiresAt)}`}
                </p>
                <ResendConsentForm candidateId={row.candidateId} managerEmail={row.managerEmail} />
              </li>
            ))}
          </ul>
          {result.pageCount > 1 ? (
            <Pagination
              className="fr-mt-3w"
              count={result.pageCount}
              defaultPage={result.page}
              showFirstLast
              getPageLinkProps={(target) => ({ href: target === 1 ? "/dinum/consentements" : `/dinum/consentements?page=${target}` })}
            />
          ) : null}
        </>
      )}
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { EMAIL_STATUSES, listEmails, type EmailStatus } from "@/features/courriels/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { TableFrame } from "@/components/table/table-frame";
import { formatDateTime, plural } from "@/lib/format-fr";

export const metadata: Metadata = { title: "Courriels envoyés" };


export default async function EmailsPage({ searchParams }: { searchParams: Promise<{ statut?: string; page?: string }> }) {
  const user = await requirePageUser("dinum");
  const params = await searchParams;
  const status = params.statut && params.statut in EMAIL_STATUSES ? (params.statut as EmailStatus) : undefined;
  const result = await listEmails(db(), user, { status, page: Number(params.page) || 1 });
  const hrefFor = (page: number) => `/dinum/courriels?${new URLSearchParams({ ...(status ? { statut: status } : {}), page: String(page) })}`;
  return (
    <>
      <h1>Courriels</h1>
      <p>
        Chaque courriel est écrit dans la même transaction que l&apos;événement qui le cause, puis envoyé avec des
        nouvelles tentatives. Sans serveur SMTP configuré, il est conservé ici.
      </p>
      <nav aria-label="Filtrer par statut" className="fr-mb-3w">
        <ul className="fr-tags-group">
          <li>
            <Link className="fr-tag" href="/dinum/courriels" aria-current={status ? undefined : "page"}>
              Tous
            </Link>
          </li>
          {(Object.keys(EMAIL_STATUSES) as EmailStatus[]).map((key) => (
            <li key={key}>
              <Link className="fr-tag" href={`/dinum/courriels?statut=${key}`} aria-current={status === key ? "page" : undefined}>
                {EMAIL_STATUSES[key]} ({result.countsByStatus[key] ?? 0})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {result.rows.length === 0 ? (
        <p>
          {status
            ? `Aucun courriel au statut « ${EMAIL_STATUSES[status]} ».`
            : "Aucun courriel pour l'instant : les invitations, demandes d'accord et listes envoyées apparaîtront ici."}
        </p>
      ) : (
        <TableFrame label="Courriels" className="fr-table--bordered">
          <table>
            <caption>{plural(result.total, "courriel", "courriels")}</caption>
            <thead>
              <tr>
                <th scope="col">Objet</th>
                <th scope="col">Statut</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Date</th>
                <th scope="col">Essais</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((email) => (
                <tr key={email.id}>
                  <td>
                    <Link href={`/dinum/courriels/${email.id}`}>{email.subject}</Link>
                  </td>
                  <td>
                    {EMAIL_STATUSES[email.status as EmailStatus] ?? email.status}
                    {email.lastError ? <p className="fr-text--xs fr-mb-0">{email.lastError}</p> : null}
                  </td>
                  <td className="fr-text--sm" style={{ overflowWrap: "anywhere" }}>
                    {email.toAddress}
                  </td>
                  <td>{formatDateTime(email.createdAt)}</td>
                  <td>{email.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
      {result.pageCount > 1 ? (
        <Pagination count={result.pageCount} defaultPage={result.page} getPageLinkProps={(page) => ({ href: hrefFor(page) })} />
      ) : null}
    </>
  );
}

import { TableFrame } from "@/components/table/table-frame";
import type { Metadata } from "next";
import { formatDate } from "@/lib/format-fr";
import { DecideCorrectionForm } from "@/features/identite/components/decide-correction-form";
import { CORRECTION_STATUSES, listAdministrationCorrections, type CorrectionStatus } from "@/features/identite/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Corrections d'administration" };

const format = (value: Date) => formatDate(value);

export default async function AdministrationCorrectionsPage() {
  const user = await requirePageUser("dinum");
  const { pending, decided } = await listAdministrationCorrections(db(), user);
  return (
    <>
      <h1>Corrections d&apos;administration</h1>
      <p>
        Les droits d&apos;une personne suivent l&apos;administration que donne ProConnect (SIRET). Une correction ne prend
        effet qu&apos;une fois approuvée ici ; chaque décision est tracée et la personne en est informée.
      </p>
      <h2 className="fr-h4">En attente ({pending.length})</h2>
      {pending.length === 0 ? (
        <p>Aucune demande en attente.</p>
      ) : (
        <ul className="fr-raw-list">
          {pending.map((row) => (
            <li key={row.id} className="fr-mb-4w fr-p-3w" style={{ border: "1px solid var(--border-default-grey)" }}>
              <h3 className="fr-h6 fr-mb-1w">
                {row.personName || row.personEmail} ({row.personEmail})
              </h3>
              <dl className="fr-mb-2w">
                <dt className="fr-text--bold">Selon ProConnect</dt>
                <dd>
                  {row.currentAdministrationName ?? "aucune administration"} — SIRET {row.claimedSiret ?? "absent"}
                  {row.organizationalUnit ? `, service : ${row.organizationalUnit}` : ""}
                </dd>
                <dt className="fr-text--bold">Demandé</dt>
                <dd>
                  {row.requestedAdministrationName
                    ? `${row.requestedAdministrationName} (SIRET ${row.requestedAdministrationSiret})`
                    : `${row.requestedName ?? "?"} — SIRET ${row.requestedSiret ?? "?"} (nouvelle administration, créée à l'approbation)`}
                </dd>
                <dt className="fr-text--bold">Raison</dt>
                <dd>{row.reason}</dd>
                <dt className="fr-text--bold">Reçue le</dt>
                <dd>{format(row.createdAt)}</dd>
              </dl>
              <DecideCorrectionForm requestId={row.id} personName={row.personName || row.personEmail} />
            </li>
          ))}
        </ul>
      )}
      <h2 className="fr-h4">Dernières décisions</h2>
      {decided.length === 0 ? (
        <p>Aucune décision pour l&apos;instant.</p>
      ) : (
        <TableFrame label="Dernières décisions">
          <table>
            <caption className="fr-sr-only">Dernières décisions</caption>
            <thead>
              <tr>
                <th scope="col">Personne</th>
                <th scope="col">Demandé</th>
                <th scope="col">Décision</th>
                <th scope="col">Par</th>
                <th scope="col">Le</th>
              </tr>
            </thead>
            <tbody>
              {decided.map((row) => (
                <tr key={row.id}>
                  <td>{row.personEmail}</td>
                  <td>{row.requestedAdministrationName ?? row.requestedName}</td>
                  <td>
                    {CORRECTION_STATUSES[row.status as CorrectionStatus] ?? row.status}
                    {row.decisionComment ? ` — « ${row.decisionComment} »` : ""}
                  </td>
                  <td>{row.decidedByEmail ?? "—"}</td>
                  <td>{row.decidedAt ? format(row.decidedAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
    </>
  );
}

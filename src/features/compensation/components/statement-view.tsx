import Link from "next/link";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { formatCredits, formatSignedCredits } from "../amounts";
import { LEDGER_KINDS, type LedgerKind } from "../constants";

export interface StatementViewProps {
  administration: { id: string; name: string; ministry: string };
  balance: string;
  lines: Array<{
    entryId: number;
    transactionId: string;
    kind: LedgerKind;
    description: string;
    reason: string | null;
    missionId: string | null;
    missionTitle: string | null;
    createdAt: Date;
    amount: string;
    runningBalance: string;
    reversedBy: string | null;
  }>;
  total: number;
  page: number;
  pageCount: number;
  /** The statement page itself, for the pagination links. */
  basePath: string;
  /** DINUM only: where to correct an operation. */
  correctionHref?: (transactionId: string) => string;
}

const dateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });

/** An administration's balance and its statement, newest first, with the balance after each line. */
export function StatementView({ administration, balance, lines, total, page, pageCount, basePath, correctionHref }: StatementViewProps) {
  return (
    <>
      <div className="fr-callout fr-mb-3w">
        <p className="fr-callout__title" data-testid="solde">
          Solde : {formatCredits(balance)}
        </p>
        <p className="fr-callout__text">
          {administration.name} — {administration.ministry}. Un solde positif signifie que l&apos;administration a prêté plus
          d&apos;heures qu&apos;elle n&apos;en a reçu : ses crédits donnent droit à des services de la DINUM.
        </p>
      </div>
      <p>
        <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/compensation/releve/${administration.id}`} download>
          Télécharger le relevé complet (CSV, séparateur point-virgule, décimales avec une virgule)
        </a>
      </p>
      {lines.length === 0 ? (
        <p>Aucune opération pour l&apos;instant : les heures confirmées des missions terminées apparaîtront ici.</p>
      ) : (
        <div className="fr-table fr-table--bordered">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>
                    Relevé : {total} opération{total > 1 ? "s" : ""}, de la plus récente à la plus ancienne
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Date</th>
                      <th scope="col">Opération</th>
                      <th scope="col">Mission</th>
                      <th scope="col">Montant</th>
                      <th scope="col">Solde après</th>
                      {correctionHref ? <th scope="col">Correction</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {lines.map((line) => (
                      <tr key={line.entryId}>
                        <td>{dateFormat.format(line.createdAt)}</td>
                        <td>
                          <span className="fr-text--bold">{LEDGER_KINDS[line.kind] ?? line.kind}</span>
                          <br />
                          {line.description}
                          {line.reason ? <p className="fr-text--xs fr-mb-0">Motif : {line.reason}</p> : null}
                          {line.reversedBy ? <p className="fr-text--xs fr-mb-0">Corrigée par une opération ultérieure.</p> : null}
                        </td>
                        <td>{line.missionId && line.missionTitle ? <Link href={`/missions/${line.missionId}`}>{line.missionTitle}</Link> : "—"}</td>
                        <td>{formatSignedCredits(line.amount)}</td>
                        <td>{formatCredits(line.runningBalance)}</td>
                        {correctionHref ? (
                          <td>
                            {line.kind !== "correction" && !line.reversedBy ? (
                              <Link href={correctionHref(line.transactionId)}>
                                Corriger<span className="fr-sr-only"> l&apos;opération du {dateFormat.format(line.createdAt)}</span>
                              </Link>
                            ) : (
                              "—"
                            )}
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
      {pageCount > 1 ? (
        <Pagination count={pageCount} defaultPage={page} getPageLinkProps={(target) => ({ href: `${basePath}?page=${target}` })} />
      ) : null}
    </>
  );
}

import Link from "next/link";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { FilterActions, FilterInput } from "@/components/filters/filter-fields";
import { describePeriod, periodSearchParams, type DayPeriod } from "@/lib/period";
import { formatCredits, formatSignedCredits } from "../amounts";
import { LEDGER_KINDS } from "../constants";
import type { StatementLine } from "../service";
import { TableFrame } from "@/components/table/table-frame";
import { formatDate, formatDateTime, plural } from "@/lib/format-fr";

export interface StatementViewProps {
  administration: { id: string; name: string; ministry: string };
  balance: string;
  lines: StatementLine[];
  total: number;
  page: number;
  pageCount: number;
  /** Days shown (both included); empty: the whole account. */
  period: DayPeriod;
  /** With a period: the balance at its start and at its end. */
  periodBalances: { opening: string; closing: string } | null;
  /** Why the period asked for was not applied. */
  periodError?: string;
  /** The statement page itself, for the pagination links. */
  basePath: string;
  /** DINUM only: where to correct an operation. */
  correctionHref?: (transactionId: string) => string;
}


/** What a balance means, in words: a negative one is not a debt to pay, and says how it comes back to zero. */
function balanceMeaning(balance: number): string {
  if (balance > 0) {
    return "Ce solde positif signifie que l'administration a prêté plus d'heures d'agents qu'elle n'en a reçu : ses crédits donnent droit à des services de la DINUM.";
  }
  if (balance < 0) {
    return "Ce solde négatif signifie que l'administration a reçu plus d'heures d'agents d'autres administrations qu'elle n'en a prêté. Ce n'est pas une dette à payer : il revient vers zéro à mesure que ses agents prêtent leurs talents à d'autres missions.";
  }
  return "Ce solde nul signifie que l'administration a prêté autant d'heures qu'elle en a reçu (ou pas encore participé).";
}

/** An administration's balance and its statement, newest first, with the balance after each line. */
export function StatementView({
  administration,
  balance,
  lines,
  total,
  page,
  pageCount,
  period,
  periodBalances,
  periodError,
  basePath,
  correctionHref,
}: StatementViewProps) {
  const query = (extra: Record<string, number> = {}) => {
    const search = periodSearchParams(period, extra);
    return search ? `?${search}` : "";
  };
  return (
    <>
      <div className="fr-callout fr-mb-3w">
        <p className="fr-callout__title" data-testid="solde">
          Solde : {formatCredits(balance)}
        </p>
        <p className="fr-callout__text">
          {administration.name} — {administration.ministry}. {balanceMeaning(Number(balance))}
        </p>
      </div>
      <form method="get" action={basePath} aria-label="Période du relevé" className="fr-mb-3w">
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-4">
            <FilterInput id="releve-du" label="Opérations à partir du" name="du" type="date" defaultValue={period.du ?? ""} />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <FilterInput id="releve-au" label="jusqu'au (inclus)" name="au" type="date" defaultValue={period.au ?? ""} />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <FilterActions resetHref={basePath} submitLabel="Afficher la période" resetLabel="Tout le relevé" />
          </div>
        </div>
      </form>
      {periodError ? (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w" role="alert">
          <p>{periodError}</p>
        </div>
      ) : null}
      {periodBalances ? (
        <p data-testid="soldes-periode">
          Période {describePeriod(period)} : solde au début {formatCredits(periodBalances.opening)}, solde à la fin{" "}
          {formatCredits(periodBalances.closing)}, {plural(total, "opération", "opérations")}.
        </p>
      ) : null}
      <p>
        <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/compensation/releve/${administration.id}${query()}`} download>
          {periodBalances ? "Télécharger le relevé de la période" : "Télécharger le relevé complet"} (CSV, séparateur point-virgule, décimales avec une
          virgule)
        </a>
      </p>
      {lines.length === 0 ? (
        <p>
          {periodBalances
            ? "Aucune opération sur cette période."
            : "Aucune opération pour l'instant : les heures confirmées des missions terminées apparaîtront ici."}
        </p>
      ) : (
        <TableFrame label={"Opérations"} className="fr-table--bordered">
                <table>
                  <caption>
                    Relevé : {plural(total, "opération", "opérations")}, de la plus récente à la plus ancienne
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Date</th>
                      <th scope="col">Montant</th>
                      <th scope="col">Solde après</th>
                      {correctionHref ? <th scope="col">Correction</th> : null}
                      <th scope="col">Opération et mission</th>
                    </tr>
                  </thead>
                  <tbody>
                    {lines.map((line) => (
                      <tr key={line.entryId}>
                        <td>{formatDate(line.createdAt)}</td>
                        <td className="pvt-number">{formatSignedCredits(line.amount)}</td>
                        <td className="pvt-number">{formatCredits(line.runningBalance)}</td>
                        {correctionHref ? (
                          <td>
                            {line.kind !== "correction" && !line.reversedBy ? (
                              <Link href={correctionHref(line.transactionId)}>
                                Corriger<span className="fr-sr-only"> l&apos;opération du {formatDateTime(line.createdAt)}</span>
                              </Link>
                            ) : (
                              "—"
                            )}
                          </td>
                        ) : null}
                        <td>
                          <span className="fr-text--bold">{LEDGER_KINDS[line.kind] ?? line.kind}</span>
                          <br />
                          {line.description}
                          {line.missionId && line.missionTitle ? (
                            <p className="fr-text--xs fr-mb-0">
                              Mission : {line.missionTitle}
                            </p>
                          ) : null}
                          {line.reason ? <p className="fr-text--xs fr-mb-0">Motif : {line.reason}</p> : null}
                          {line.reversedBy ? <p className="fr-text--xs fr-mb-0">Corrigée par une opération ultérieure.</p> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
</TableFrame>
      )}
      {pageCount > 1 ? (
        <Pagination count={pageCount} defaultPage={page} getPageLinkProps={(target) => ({ href: `${basePath}${query({ page: target })}` })} />
      ) : null}
    </>
  );
}

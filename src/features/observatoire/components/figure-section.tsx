import type { ReactNode } from "react";
import { filtersToSearchParams, type ObservatoireFilters } from "../filters";
import { FIGURES, displayTable, formatNumber, type FigureId, type FigureTable } from "../tables";
import { FigureDataTable } from "./figure-table";

/** The CSV of a figure, with the filters of the page: the same figures as the table above it. */
export function CsvDownloadLink({ figure, filters }: { figure: FigureId; filters: ObservatoireFilters }) {
  const query = filtersToSearchParams(filters).toString();
  return (
    <a
      className="fr-link fr-link--sm fr-icon-download-line fr-link--icon-left"
      href={`/api/observatoire/${figure}${query ? `?${query}` : ""}`}
      download={`${FIGURES[figure].fileName}.csv`}
      aria-label={`Télécharger en CSV : ${FIGURES[figure].title}`}
    >
      Télécharger en CSV
    </a>
  );
}

/**
 * One figure: its title, what it counts, the chart, the table alternative and the CSV.
 *
 * `maxRows`: a long table (ministries × months: a few hundred rows) shows only its last rows, said
 * in its caption and under it, the CSV holding them all; rendering every row was most of the page.
 */
export function FigureSection({
  figure,
  description,
  chart,
  table,
  filters,
  maxRows,
}: {
  figure: FigureId;
  description: ReactNode;
  chart: ReactNode;
  table: FigureTable;
  filters: ObservatoireFilters;
  maxRows?: number;
}) {
  const { title } = FIGURES[figure];
  const total = table.rows.length;
  const cut = maxRows !== undefined && total > maxRows;
  const shown = cut ? { headers: table.headers, rows: table.rows.slice(total - maxRows) } : table;
  const extract = cut ? `les ${formatNumber(maxRows)} dernières lignes sur ${formatNumber(total)}, toutes dans le CSV` : null;
  return (
    <section className="fr-mb-6w" aria-labelledby={`figure-${figure}`}>
      <h2 id={`figure-${figure}`} className="fr-h4">
        {title}
      </h2>
      <p className="fr-text--sm">{description}</p>
      {total > 0 ? chart : null}
      <FigureDataTable caption={`${title} (données du graphique${extract ? ` : ${extract}` : ""})`} table={displayTable(shown)} />
      {extract ? (
        <p className="fr-text--sm fr-mb-1w">
          Le tableau montre {extract} (lien ci-dessous).
        </p>
      ) : null}
      <CsvDownloadLink figure={figure} filters={filters} />
    </section>
  );
}

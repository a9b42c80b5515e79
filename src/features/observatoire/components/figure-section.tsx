import type { ReactNode } from "react";
import { filtersToSearchParams, type ObservatoireFilters } from "../filters";
import { FIGURES, type FigureId, type FigureTable } from "../tables";
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

/** One figure: its title, what it counts, the chart, the table alternative and the CSV. */
export function FigureSection({
  figure,
  description,
  chart,
  table,
  filters,
}: {
  figure: FigureId;
  description: ReactNode;
  chart: ReactNode;
  table: FigureTable;
  filters: ObservatoireFilters;
}) {
  const { title } = FIGURES[figure];
  return (
    <section className="fr-mb-6w" aria-labelledby={`figure-${figure}`}>
      <h2 id={`figure-${figure}`} className="fr-h4">
        {title}
      </h2>
      <p className="fr-text--sm">{description}</p>
      {table.rows.length > 0 ? chart : null}
      <FigureDataTable caption={`${title} (données du graphique)`} table={table} />
      <CsvDownloadLink figure={figure} filters={filters} />
    </section>
  );
}

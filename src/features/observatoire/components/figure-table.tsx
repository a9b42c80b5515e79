import { formatCell, type FigureTable } from "../tables";
import { TableFrame } from "@/components/table/table-frame";

/** The accessible alternative of a chart: the same figures as the CSV, formatted in French. */
export function FigureDataTable({ caption, table }: { caption: string; table: FigureTable }) {
  return (
    <TableFrame label={caption} className="fr-table--bordered fr-table--sm fr-mb-1w">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {table.headers.map((header, index) => (
                    <th key={header} scope="col" className={index > 0 && typeof table.rows[0]?.[index] === "number" ? "fr-cell--right" : undefined}>
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.length === 0 ? (
                  <tr>
                    <td colSpan={table.headers.length}>Aucune donnée pour ces filtres.</td>
                  </tr>
                ) : (
                  table.rows.map((row, rowIndex) => (
                    <tr key={rowIndex}>
                      {row.map((cell, cellIndex) =>
                        cellIndex === 0 ? (
                          <th key={cellIndex} scope="row">
                            {formatCell(cell)}
                          </th>
                        ) : (
                          <td key={cellIndex} className={typeof cell === "number" || cell === null ? "fr-cell--right" : undefined}>
                            {formatCell(cell)}
                          </td>
                        ),
                      )}
                    </tr>
                  ))
                )}
              </tbody>
            </table>
</TableFrame>
  );
}

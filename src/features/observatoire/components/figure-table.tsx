"use client";

import { TableFrame } from "@/components/table/table-frame";
import type { DisplayTable } from "../tables";

/**
 * The accessible alternative of a chart: the same figures as the CSV, formatted in French by the
 * server (`displayTable`). A client component for the same reason as the chart: the page's
 * payload carries the cells' text, not every row's markup.
 */
export function FigureDataTable({ caption, table }: { caption: string; table: DisplayTable }) {
  return (
    <TableFrame label={caption} className="fr-table--bordered fr-table--sm fr-mb-1w">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.headers.map((header, index) => (
              <th key={header} scope="col" className={table.headerRight[index] ? "fr-cell--right" : undefined}>
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
                      {cell}
                    </th>
                  ) : (
                    <td key={cellIndex} className={table.cellRight[cellIndex] ? "fr-cell--right" : undefined}>
                      {cell}
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

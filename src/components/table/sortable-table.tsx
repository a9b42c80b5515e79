"use client";

import { flexRender, type Table } from "@tanstack/react-table";
import { TableFrame } from "./table-frame";

/** Header rows of a @tanstack/react-table instance: sortable columns are buttons (keyboard) with aria-sort. */
export function SortableTableHead<Row>({ table }: { table: Table<Row> }) {
  return (
    <thead>
      {table.getHeaderGroups().map((headerGroup) => (
        <tr key={headerGroup.id}>
          {headerGroup.headers.map((header) => {
            const sorted = header.column.getIsSorted();
            const label = flexRender(header.column.columnDef.header, header.getContext());
            return (
              <th key={header.id} scope="col" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}>
                {header.column.getCanSort() ? (
                  <button
                    type="button"
                    className="fr-link"
                    onClick={header.column.getToggleSortingHandler()}
                    title={`Trier par ${String(header.column.columnDef.header)}`}
                  >
                    {label}
                    <span aria-hidden="true">{sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : " ↕"}</span>
                  </button>
                ) : (
                  label
                )}
              </th>
            );
          })}
        </tr>
      ))}
    </thead>
  );
}

/** A DSFR table for a @tanstack/react-table instance, with sortable headers. */
export function SortableTable<Row>({
  table,
  caption,
  className,
  emptyMessage = "Aucune ligne à afficher.",
}: {
  table: Table<Row>;
  caption: string;
  className?: string;
  /** Said in the table when it has no row. */
  emptyMessage?: string;
}) {
  return (
    <TableFrame label={caption} className={`fr-table--bordered${className ? ` ${className}` : ""}`}>
            <table>
              <caption>{caption}</caption>
              <SortableTableHead table={table} />
              <tbody>
                {table.getRowModel().rows.length === 0 ? (
                  <tr>
                    <td colSpan={table.getVisibleLeafColumns().length}>{emptyMessage}</td>
                  </tr>
                ) : null}
                {table.getRowModel().rows.map((row) => (
                  <tr key={row.id}>
                    {row.getVisibleCells().map((cell) => (
                      <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
    </TableFrame>
  );
}

"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import type { ConceptListQuery, ConceptSort } from "../schemas";
import type { ConceptRow } from "../service";
import { conceptHref, conceptListHref } from "../urls";
import { TableFrame } from "@/components/table/table-frame";
import { formatDate } from "@/lib/format-fr";


const SORT_LABELS: Record<ConceptSort, string> = { label: "libellé", family: "famille", updatedAt: "date de modification" };

function termsSummary(row: ConceptRow): string {
  const terms = [...row.acronyms, ...row.synonyms, ...row.english];
  if (terms.length === 0) return "—";
  const shown = terms.slice(0, 3).join(", ");
  return terms.length > 3 ? `${shown}… (+${terms.length - 3})` : shown;
}

/** DINUM's concept table: sorting, filtering and pages are done by the server, driven by the URL. */
export function ConceptsTable({ rows, query, total }: { rows: ConceptRow[]; query: ConceptListQuery; total: number }) {
  const router = useRouter();
  const columns = useMemo<ColumnDef<ConceptRow>[]>(
    () => [
      {
        id: "label",
        accessorKey: "label",
        header: "Libellé",
        cell: ({ row }) => <Link href={conceptHref(row.original.id)}>{row.original.label}</Link>,
      },
      { id: "family", accessorKey: "familyLabel", header: "Famille", cell: ({ row }) => row.original.familyLabel },
      { id: "terms", header: "Sigles, synonymes, termes anglais", enableSorting: false, cell: ({ row }) => termsSummary(row.original) },
      {
        id: "updatedAt",
        accessorKey: "updatedAt",
        header: "Modifié le",
        cell: ({ row }) => <time dateTime={row.original.updatedAt}>{formatDate(row.original.updatedAt)}</time>,
      },
    ],
    [],
  );
  const sorting: SortingState = [{ id: query.tri, desc: query.ordre === "desc" }];
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    sortDescFirst: false,
    state: { sorting },
    onSortingChange: (updater) => {
      const [next] = typeof updater === "function" ? updater(sorting) : updater;
      if (!next) return;
      router.push(conceptListHref({ ...query, tri: next.id as ConceptSort, ordre: next.desc ? "desc" : "asc", page: 1 }));
    },
  });

  return (
    <TableFrame label={"Concepts du référentiel"} className="fr-table--no-caption">
            <table>
              <caption>Concepts du référentiel ({total})</caption>
              <thead>
                {table.getHeaderGroups().map((headerGroup) => (
                  <tr key={headerGroup.id}>
                    {headerGroup.headers.map((header) => {
                      const sorted = header.column.getIsSorted();
                      const canSort = header.column.getCanSort();
                      return (
                        <th
                          key={header.id}
                          scope="col"
                          aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : canSort ? "none" : undefined}
                        >
                          {canSort ? (
                            <button
                              type="button"
                              className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
                              onClick={header.column.getToggleSortingHandler()}
                              title={`Trier par ${SORT_LABELS[header.column.id as ConceptSort]}, ordre ${sorted === "asc" ? "décroissant" : "croissant"}`}
                            >
                              {flexRender(header.column.columnDef.header, header.getContext())}
                              <span aria-hidden="true">&nbsp;{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                            </button>
                          ) : (
                            flexRender(header.column.columnDef.header, header.getContext())
                          )}
                        </th>
                      );
                    })}
                  </tr>
                ))}
              </thead>
              <tbody>
                {table.getRowModel().rows.length === 0 ? (
                  <tr>
                    <td colSpan={columns.length}>Aucun concept ne correspond à cette recherche.</td>
                  </tr>
                ) : (
                  table.getRowModel().rows.map((row) => (
                    <tr key={row.id}>
                      {row.getVisibleCells().map((cell) => (
                        <td key={cell.id} className="fr-cell--multiline">{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                      ))}
                    </tr>
                  ))
                )}
              </tbody>
            </table>
</TableFrame>
  );
}

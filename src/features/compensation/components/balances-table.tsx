"use client";

import { createColumnHelper, getCoreRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { formatCredits, formatSignedCredits } from "../amounts";
import { BALANCE_SORT_KEYS, type BalanceSortKey } from "../constants";
import { SortableTable } from "@/components/table/sortable-table";

export interface BalancesTableRow {
  administrationId: string;
  name: string;
  ministry: string;
  credits: string;
  debits: string;
  balance: string;
}

const columnHelper = createColumnHelper<BalancesTableRow>();

const columns = [
  columnHelper.accessor("name", {
    id: "administration",
    header: "Administration",
    cell: (info) => <Link href={`/dinum/compensation/${info.row.original.administrationId}`}>{info.getValue()}</Link>,
  }),
  columnHelper.accessor("ministry", { id: "ministere", header: "Ministère" }),
  columnHelper.accessor("credits", { id: "credits", header: "Crédits reçus", cell: (info) => formatSignedCredits(info.getValue()) }),
  columnHelper.accessor("debits", { id: "debits", header: "Crédits débités", cell: (info) => formatSignedCredits(info.getValue()) }),
  columnHelper.accessor("balance", { id: "solde", header: "Solde", cell: (info) => <strong>{formatCredits(info.getValue())}</strong> }),
];

function isSortKey(id: string): id is BalanceSortKey {
  return (BALANCE_SORT_KEYS as readonly string[]).includes(id);
}

/** Balances per administration: the database sorts and paginates, a header click changes the URL. */
export function BalancesTable({ rows, sort, order, caption }: { rows: BalancesTableRow[]; sort: BalanceSortKey; order: "asc" | "desc"; caption: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const sorting: SortingState = [{ id: sort, desc: order === "desc" }];
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    getRowId: (row) => row.administrationId,
    getCoreRowModel: getCoreRowModel(),
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (!first || !isSortKey(first.id)) return;
      const params = new URLSearchParams(searchParams.toString());
      params.set("tri", first.id);
      params.set("ordre", first.desc ? "desc" : "asc");
      params.delete("page");
      router.push(`${pathname}?${params.toString()}`);
    },
  });
  return <SortableTable table={table} caption={caption} emptyMessage="Aucune administration ne correspond." />;
}

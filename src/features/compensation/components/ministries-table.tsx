"use client";

import { createColumnHelper, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import Link from "next/link";
import { useState } from "react";
import { formatCredits, formatSignedCredits } from "../amounts";
import { SortableTable } from "@/components/table/sortable-table";

export interface MinistriesTableRow {
  ministry: string;
  administrationCount: number;
  credits: string;
  debits: string;
  balance: string;
}

const columnHelper = createColumnHelper<MinistriesTableRow>();
const byAmount = (a: { getValue: (id: string) => unknown }, b: { getValue: (id: string) => unknown }, id: string) =>
  Number(a.getValue(id)) - Number(b.getValue(id));

const columns = [
  columnHelper.accessor("ministry", {
    id: "ministere",
    header: "Ministère",
    cell: (info) => <Link href={`/dinum/compensation?${new URLSearchParams({ ministere: info.getValue() })}`}>{info.getValue()}</Link>,
  }),
  columnHelper.accessor("administrationCount", { id: "administrations", header: "Administrations" }),
  columnHelper.accessor("credits", { id: "credits", header: "Crédits reçus", sortingFn: byAmount, cell: (info) => formatSignedCredits(info.getValue()) }),
  columnHelper.accessor("debits", { id: "debits", header: "Crédits débités", sortingFn: byAmount, cell: (info) => formatSignedCredits(info.getValue()) }),
  columnHelper.accessor("balance", { id: "solde", header: "Solde", sortingFn: byAmount, cell: (info) => <strong>{formatCredits(info.getValue())}</strong> }),
];

/** Balances rolled up per ministry: a few dozen rows, all loaded, sorted in the browser. */
export function MinistriesTable({ rows }: { rows: MinistriesTableRow[] }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: "solde", desc: true }]);
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    enableSortingRemoval: false,
    getRowId: (row) => row.ministry,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  return <SortableTable table={table} caption="Soldes par ministère" emptyMessage="Aucun ministère n'a encore prêté ni reçu d'heures." />;
}

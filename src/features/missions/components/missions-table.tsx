"use client";

import { createColumnHelper, getCoreRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import Link from "next/link";
import { SortableTable } from "@/components/table/sortable-table";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { formatDate } from "../format";
import { DINUM_SORTS, type DinumSort } from "../search-params";
import type { MissionState } from "../transitions";
import { MissionStateBadge } from "./mission-state-badge";

export interface MissionsTableRow {
  id: string;
  title: string;
  administrationName: string;
  state: MissionState;
  submittedAt: Date | null;
  createdAt: Date;
  applications: number;
}

const columnHelper = createColumnHelper<MissionsTableRow>();

/** Columns, with the URL sort key of the sortable ones. */
const columns = [
  columnHelper.accessor("title", {
    id: "titre",
    header: "Mission",
    cell: (info) => <Link href={`/missions/${info.row.original.id}`}>{info.getValue()}</Link>,
  }),
  columnHelper.accessor("administrationName", { id: "administration", header: "Administration" }),
  columnHelper.accessor("state", { id: "etat", header: "État", cell: (info) => <MissionStateBadge state={info.getValue()} /> }),
  columnHelper.accessor("submittedAt", { id: "soumission", header: "Soumise le", cell: (info) => formatDate(info.getValue(), "—") }),
  columnHelper.accessor("createdAt", { id: "creation", header: "Créée le", cell: (info) => formatDate(info.getValue(), "—") }),
  columnHelper.accessor("applications", { id: "candidatures", header: "Candidatures", enableSorting: false }),
];

function isSortKey(id: string): id is DinumSort {
  return (DINUM_SORTS as readonly string[]).includes(id);
}

/**
 * All missions for DINUM. Sorting, filtering and pagination happen in the database: the table
 * only renders one page and turns a click on a header into a new URL.
 */
export function MissionsTable({ rows, sort, order }: { rows: MissionsTableRow[]; sort: DinumSort; order: "asc" | "desc" }) {
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
    manualFiltering: true,
    enableSortingRemoval: false,
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

  return <SortableTable table={table} caption="Toutes les missions" className="fr-table--no-caption" />;
}

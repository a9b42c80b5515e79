import type { NextRequest } from "next/server";
import { parseContributorsQuery } from "@/features/reconnaissance/schemas";
import { exportContributorsCsv } from "@/features/reconnaissance/service";
import { csvDownload } from "@/server/csv-download";
import { db } from "@/server/db";

/** `GET /api/contributeurs?du=…&au=…&ministere=…`: the top contributors as CSV, for DINUM only. */
export async function GET(request: NextRequest) {
  const query = parseContributorsQuery(Object.fromEntries(request.nextUrl.searchParams));
  return csvDownload((user) => exportContributorsCsv(db(), user, query));
}

import type { NextRequest } from "next/server";
import { readPeriod } from "@/lib/period";
import { z } from "@/lib/zod-fr";
import { csvDownload } from "@/server/csv-download";
import { exportStatementCsv } from "@/features/compensation/service";
import { db } from "@/server/db";

/** One administration's statement as CSV, whole or over `?du=…&au=…`: DINUM, or a member of that administration. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ administrationId: string }> }) {
  const { administrationId } = await params;
  if (!z.uuid().safeParse(administrationId).success) {
    return new Response("Administration introuvable.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const { period } = readPeriod(request.nextUrl.searchParams);
  return csvDownload((user) => exportStatementCsv(db(), user, administrationId, period));
}

import { z } from "@/lib/zod-fr";
import { csvDownload } from "@/server/csv-download";
import { exportStatementCsv } from "@/features/compensation/service";
import { db } from "@/server/db";

/** One administration's statement as CSV: DINUM, or a member of that administration. */
export async function GET(_request: Request, { params }: { params: Promise<{ administrationId: string }> }) {
  const { administrationId } = await params;
  if (!z.uuid().safeParse(administrationId).success) {
    return new Response("Administration introuvable.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return csvDownload((user) => exportStatementCsv(db(), user, administrationId));
}

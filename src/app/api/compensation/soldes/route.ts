import { csvDownload } from "@/server/csv-download";
import { exportBalancesCsv } from "@/features/compensation/service";
import { db } from "@/server/db";

/** Every administration's balance as CSV, for DINUM. */
export async function GET() {
  return csvDownload((user) => exportBalancesCsv(db(), user));
}

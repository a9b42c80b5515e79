import { NextResponse, type NextRequest } from "next/server";
import { suggestSkills } from "@/features/referentiel/service";
import { currentUser } from "@/server/auth/roles";
import { db } from "@/server/db";

const QUERY_MAX_LENGTH = 100;
const LIMIT_MAX = 20;

/** Tag picker suggestions: `GET ?q=securite&limit=8` → `{ suggestions: [...] }`, for signed-in users only. */
export async function GET(request: NextRequest) {
  const user = await currentUser();
  if (!user) {
    return NextResponse.json({ error: "Connectez-vous pour obtenir des suggestions." }, { status: 401, headers: { "Cache-Control": "no-store" } });
  }
  const query = (request.nextUrl.searchParams.get("q") ?? "").slice(0, QUERY_MAX_LENGTH);
  const requestedLimit = Number(request.nextUrl.searchParams.get("limit") ?? 8);
  const limit = Number.isInteger(requestedLimit) ? Math.min(Math.max(requestedLimit, 1), LIMIT_MAX) : 8;
  const suggestions = await suggestSkills(db(), query, limit);
  return NextResponse.json({ suggestions }, { headers: { "Cache-Control": "private, no-store" } });
}

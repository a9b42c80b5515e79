import { NextResponse, type NextRequest } from "next/server";
import { parseObservatoireFilters } from "@/features/observatoire/filters";
import { funnel, hoursShared, missionsByMinistryAndMonth, missionsByState, staffingTime, supplyAndDemand } from "@/features/observatoire/service";
import {
  FIGURES,
  funnelTable,
  isFigureId,
  keyFiguresTable,
  missionsByMinistryTable,
  missionsByStateTable,
  supplyDemandTable,
  figureCsv,
  type FigureId,
  type FigureTable,
} from "@/features/observatoire/tables";
import { AuthorizationError, currentUser, type CurrentUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import type { ObservatoireFilters } from "@/features/observatoire/filters";

const NO_STORE = { "Cache-Control": "private, no-store" };

async function tableOf(figure: FigureId, user: CurrentUser, filters: ObservatoireFilters): Promise<FigureTable> {
  const database = db();
  switch (figure) {
    case "offre-demande":
      return supplyDemandTable(await supplyAndDemand(database, user, filters));
    case "missions-par-etat":
      return missionsByStateTable(await missionsByState(database, user, filters));
    case "missions-par-ministere":
      return missionsByMinistryTable(await missionsByMinistryAndMonth(database, user, filters));
    case "entonnoir":
      return funnelTable(await funnel(database, user, filters));
    case "indicateurs": {
      const [staffing, hours] = await Promise.all([staffingTime(database, user, filters), hoursShared(database, user, filters)]);
      return keyFiguresTable(staffing, hours);
    }
  }
}

/** `GET /api/observatoire/entonnoir?du=…&au=…&ministere=…`: one figure of the observatory as CSV, for DINUM only. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ figure: string }> }) {
  const { figure } = await params;
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: "Connectez-vous pour télécharger les chiffres de l'observatoire." }, { status: 401, headers: NO_STORE });
  if (!isFigureId(figure)) return NextResponse.json({ error: "Ce chiffre n'existe pas dans l'observatoire." }, { status: 404, headers: NO_STORE });
  try {
    const table = await tableOf(figure, user, parseObservatoireFilters(request.nextUrl.searchParams));
    return new NextResponse(figureCsv(table), {
      headers: {
        ...NO_STORE,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${FIGURES[figure].fileName}.csv"`,
      },
    });
  } catch (error) {
    if (error instanceof AuthorizationError) return NextResponse.json({ error: error.message }, { status: 403, headers: NO_STORE });
    throw error;
  }
}

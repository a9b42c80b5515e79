import { NextResponse } from "next/server";
import { unsubscribeWithToken } from "@/features/alertes/service";
import { db } from "@/server/db";

/**
 * One-click unsubscribe (RFC 8058): mail clients POST here from the List-Unsubscribe header, and
 * the page of the email's link posts its button here. No login: the random token is the proof.
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const outcome = await unsubscribeWithToken(db(), token);
  const form = await request.formData().catch(() => null);
  if (form?.get("depuis") === "page") {
    const page = new URL(`/alertes/desabonnement/${encodeURIComponent(token)}`, request.url);
    page.searchParams.set("resultat", outcome);
    return NextResponse.redirect(page, 303);
  }
  return new NextResponse(outcome === "desabonne" ? "Désabonnement enregistré." : "Lien inconnu.", {
    status: outcome === "desabonne" ? 200 : 404,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

import { exportPersonalData } from "@/features/donnees/service";
import { currentUser } from "@/server/auth/roles";
import { db } from "@/server/db";

const noStore = { "Cache-Control": "private, no-store" };

/** `GET /compte/donnees/telechargement`: everything held about the signed-in person, as JSON. Only oneself. */
export async function GET() {
  const user = await currentUser();
  if (!user) {
    return new Response("Connectez-vous pour télécharger vos données.", { status: 401, headers: { "Content-Type": "text/plain; charset=utf-8", ...noStore } });
  }
  const data = await exportPersonalData(db(), user);
  const day = data.generatedAt.slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="mes-donnees-partagez-vos-talents-${day}.json"`,
      ...noStore,
    },
  });
}

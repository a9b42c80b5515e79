import "server-only";
import { AuthorizationError, currentUser, type CurrentUser } from "@/server/auth/roles";
import { NotFoundError } from "@/server/errors";

const noStore = { "Cache-Control": "private, no-store" };

function plain(message: string, status: number) {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...noStore } });
}

/** Runs an export for the signed-in user and answers a CSV download, or a French refusal. */
export async function csvDownload(build: (user: CurrentUser) => Promise<{ filename: string; content: string }>) {
  const user = await currentUser();
  if (!user) return plain("Connectez-vous pour télécharger ce fichier.", 401);
  try {
    const { filename, content } = await build(user);
    return new Response(content, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        ...noStore,
      },
    });
  } catch (error) {
    if (error instanceof AuthorizationError) return plain(error.message, 403);
    if (error instanceof NotFoundError) return plain(error.message, 404);
    throw error;
  }
}

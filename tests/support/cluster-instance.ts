/**
 * One app instance of the two-instances test: the real start-up (migrations under lock, mail
 * worker, matching index built in the background) and HTTP server, with routes that call the
 * product's services as its actions do:
 *   POST /pause?agent=ID          the agent pauses their profile (getProfile → profileSchema → saveProfile)
 *   GET  /classement?mission=ID   ranks the mission (catch-up sync of this instance's index), agent ids
 *   POST /courriels?lot=L&n=N     enqueues N emails
 *   POST /consentement?jeton=T&manager=ID   the signed-in manager approves (decideConsent)
 * Prints "PRET <port>" on stderr once the index is built.
 */
import { eq } from "drizzle-orm";
import type { ServerResponse } from "node:http";
import { matchingEngine } from "@/features/appariement/engine-store";
import { refreshMissionSuggestions } from "@/features/appariement/service";
import { decideConsent } from "@/features/consentements/service";
import { profileSchema } from "@/features/profils/schemas";
import { getProfile, saveProfile } from "@/features/profils/service";
import { loadUserWithRoles } from "@/server/auth/roles";
import { databaseHandle } from "@/server/db";
import { missionSuggestions } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { startHttpServer } from "@/server/http/server";
import { enqueueEmail } from "@/server/mail/outbox";
import { prepareServer } from "@/server/startup";

function reply(response: ServerResponse, status: number, body: unknown) {
  response.statusCode = status;
  response.setHeader("content-type", "application/json");
  response.end(JSON.stringify(body));
}

async function main() {
  await prepareServer();
  const db = databaseHandle().db;
  await matchingEngine(db);
  const http = await startHttpServer({
    port: 0,
    shutdownDeadlineMs: 5000,
    onStopped: () => process.exit(0),
    async handle(request, response) {
      const url = new URL(request.url ?? "/", "http://x");
      const query = url.searchParams;
      try {
        if (url.pathname === "/pause") {
          const agent = await loadUserWithRoles(db, query.get("agent")!);
          const stored = await getProfile(db, agent!, agent!.id);
          await saveProfile(db, agent!, agent!.id, profileSchema.parse({ ...stored.values, visibility: "en_pause" }));
          return reply(response, 200, { instance: process.pid });
        }
        if (url.pathname === "/classement") {
          const missionId = query.get("mission")!;
          await refreshMissionSuggestions(db, missionId);
          const rows = await db.select({ agentId: missionSuggestions.agentId }).from(missionSuggestions).where(eq(missionSuggestions.missionId, missionId));
          return reply(response, 200, { instance: process.pid, agents: rows.map((row) => row.agentId) });
        }
        if (url.pathname === "/courriels") {
          for (let index = 0; index < Number(query.get("n")); index += 1) {
            await enqueueEmail(db, { to: "lot@exemple.gouv.fr", template: "lot", subject: `${query.get("lot")} ${index}`, greeting: "Bonjour,", paragraphs: ["Lot."] });
          }
          return reply(response, 200, { instance: process.pid });
        }
        if (url.pathname === "/consentement") {
          const manager = await loadUserWithRoles(db, query.get("manager")!);
          await decideConsent(db, manager!, { token: query.get("jeton")!, decision: "approuve" });
          return reply(response, 200, { instance: process.pid, decided: true });
        }
        return reply(response, 404, {});
      } catch (error) {
        if (error instanceof DomainError) return reply(response, 409, { instance: process.pid, refused: error.message });
        throw error;
      }
    },
  });
  process.once("SIGTERM", () => void http.shutdown("SIGTERM"));
  process.stderr.write(`PRET ${(http.server.address() as { port: number }).port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`ECHEC ${(error as Error).stack}\n`);
  process.exit(2);
});

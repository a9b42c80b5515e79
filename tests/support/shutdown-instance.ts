/**
 * An app instance for the graceful-shutdown test: the real start-up (prepareServer: migrations,
 * mail worker, shutdown hooks) and the real HTTP server, with two routes standing for the app's:
 *   POST /courriel   enqueues one email (delivered by the mail worker to SMTP_URL)
 *   POST /ecrire     writes a row, works `ms` milliseconds, writes a second row
 * Prints "PRET <port>" once it listens; exits 0 after a drained SIGTERM.
 *
 *   node --import ./tests/support/server-only-hook.mjs --import tsx tests/support/shutdown-instance.ts
 */
import { databaseHandle } from "@/server/db";
import { emailOutbox } from "@/server/db/schema-messagerie";
import { startHttpServer } from "@/server/http/server";
import { enqueueEmail } from "@/server/mail/outbox";
import { prepareServer } from "@/server/startup";

async function main() {
  await prepareServer();
  const db = databaseHandle().db;
  const http = await startHttpServer({
    port: 0,
    hostname: "127.0.0.1",
    shutdownDeadlineMs: 10_000,
    onStopped: (drained) => process.exit(drained ? 0 : 1),
    async handle(request, response) {
      const query = new URL(request.url ?? "/", "http://x").searchParams;
      const marker = query.get("marqueur") ?? "m";
      if (request.url?.startsWith("/courriel")) {
        await enqueueEmail(db, { to: "destinataire@exemple.gouv.fr", template: `arret-${marker}`, subject: "Arrêt", greeting: "Bonjour,", paragraphs: ["Un courriel en cours d'envoi."] });
        response.end("ok");
        return;
      }
      // Two steps, as a page that writes then works on: the database must outlive the whole request.
      const row = { toAddress: "journal@exemple.gouv.fr", subject: "-", textBody: "-", htmlBody: "-", status: "conserve" };
      await db.insert(emailOutbox).values({ ...row, template: `ecriture-${marker}-a` });
      await new Promise((resolve) => setTimeout(resolve, Number(query.get("ms") ?? 1500)));
      await db.insert(emailOutbox).values({ ...row, template: `ecriture-${marker}-b` });
      response.end("ecrit");
    },
  });
  const address = http.server.address() as { port: number };
  process.once("SIGTERM", () => void http.shutdown("SIGTERM"));
  process.stderr.write(`PRET ${address.port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`ECHEC ${(error as Error).stack}\n`);
  process.exit(2);
});

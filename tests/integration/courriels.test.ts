import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { getEmail, listEmails, retryEmail } from "@/features/courriels/service";
import type { CurrentUser } from "@/server/auth/roles";
import { users } from "@/server/db/schema";
import { emailOutbox } from "@/server/db/schema-messagerie";
import { enqueueEmail } from "@/server/mail/outbox";
import { PERSONAL_LINK_PLACEHOLDER } from "@/server/mail/personal-links";
import { MAX_ATTEMPTS, deliverDueEmails, retryDelayMs, smtpMailer } from "@/server/mail/worker";
import { startSmtpSink } from "../support/smtp-sink";
import { describeOnBothDatabases } from "./support/databases";

const dinum: CurrentUser = {
  id: "00000000-0000-4000-8000-000000000002",
  email: "equipe@numerique.gouv.fr",
  givenName: "Équipe",
  usualName: "DINUM",
  displayName: "Équipe DINUM",
  administrationId: null,
  administrationName: null,
  roles: ["agent", "dinum"],
};
const agent: CurrentUser = { ...dinum, id: "00000000-0000-4000-8000-000000000003", roles: ["agent"] };

const message = (to: string) => ({
  to,
  template: "test",
  subject: "Une mission vous est proposée",
  greeting: "Bonjour Camille,",
  paragraphs: ["La préfecture <b>de la Sarthe</b> vous propose une mission."],
  action: { label: "Voir la mission", url: "http://localhost:3000/missions/1" },
});

/** A port on which nothing listens: the SMTP server is "down". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeOnBothDatabases("courriels (outbox)", (database) => {
  beforeAll(async () => {
    await database()
      .db.insert(users)
      .values([dinum, agent].map((user) => ({ id: user.id, proconnectSub: user.id, idpId: "test", email: `${user.id}@exemple.gouv.fr` })));
  });

  it("n'envoie rien si la transaction qui l'écrit est annulée", async () => {
    const { db } = database();
    await expect(
      db.transaction(async (tx) => {
        await enqueueEmail(tx, message("annule@exemple.gouv.fr"));
        throw new Error("la transition échoue");
      }),
    ).rejects.toThrow("la transition échoue");
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "annule@exemple.gouv.fr"))).toEqual([]);
  });

  it("délivre par SMTP, une seule fois, en HTML échappé et en texte", async () => {
    const { db } = database();
    const sink = await startSmtpSink();
    try {
      const id = await enqueueEmail(db, message("camille@exemple.gouv.fr"));
      const mailer = smtpMailer(sink.url, "Talents <ne-pas-repondre@exemple.gouv.fr>");
      const first = await deliverDueEmails(db, mailer);
      const second = await deliverDueEmails(db, mailer);
      expect(first.sent).toBe(1);
      expect(second.sent).toBe(0);
      expect(sink.received).toHaveLength(1);
      expect(sink.received[0]!.to).toEqual(["camille@exemple.gouv.fr"]);
      expect(sink.received[0]!.subject).toBe("Une mission vous est proposée");
      expect(sink.received[0]!.html).toContain("&lt;b&gt;de la Sarthe&lt;/b&gt;");
      expect(sink.received[0]!.text).toContain("Voir la mission : http://localhost:3000/missions/1");
      const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
      expect(row?.status).toBe("envoye");
    } finally {
      await sink.close();
    }
  });

  it("n'écrit jamais un lien personnel de consentement dans l'outbox, même si on le lui passe", async () => {
    const { db } = database();
    const sink = await startSmtpSink();
    const token = "Zq3v9Kx1-_AbCdEfGhIjKlMnOpQrStUvWxYz0123456";
    try {
      const id = await enqueueEmail(db, {
        ...message("manager@exemple.gouv.fr"),
        action: { label: "Donner ma réponse", url: `http://localhost:3000/consentement/${token}` },
      });
      const [stored] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
      for (const body of [stored!.textBody, stored!.htmlBody]) {
        expect(body).not.toContain(token);
        expect(body).toContain(PERSONAL_LINK_PLACEHOLDER);
      }
      expect((await deliverDueEmails(db, smtpMailer(sink.url, "t@exemple.gouv.fr"))).sent).toBe(1);
      // Not tied to a consent request, it leaves without a usable link: links are minted only for requests.
      expect(sink.received[0]!.text).not.toContain(token);
      expect(sink.received[0]!.text).toContain("Donner ma réponse");
    } finally {
      await sink.close();
    }
  });

  it("garde le courriel quand le serveur SMTP est en panne, puis le délivre à son retour", async () => {
    const { db } = database();
    const port = await closedPort();
    const id = await enqueueEmail(db, message("panne@exemple.gouv.fr"));
    const start = new Date();
    const down = await deliverDueEmails(db, smtpMailer(`smtp://127.0.0.1:${port}`, "t@exemple.gouv.fr"), start);
    expect(down.failed).toBe(1);
    let [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row?.status).toBe("en_attente");
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toBeTruthy();
    expect(row!.nextAttemptAt.getTime()).toBe(start.getTime() + retryDelayMs(1));

    const sink = await startSmtpSink(port);
    try {
      const mailer = smtpMailer(sink.url, "t@exemple.gouv.fr");
      expect((await deliverDueEmails(db, mailer, start)).sent).toBe(0);
      const later = new Date(start.getTime() + retryDelayMs(1));
      expect((await deliverDueEmails(db, mailer, later)).sent).toBe(1);
      expect(sink.received.map((mail) => mail.to[0])).toEqual(["panne@exemple.gouv.fr"]);
      [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
      expect(row?.status).toBe("envoye");
    } finally {
      await sink.close();
    }
  });

  it("abandonne après le nombre maximal d'essais ; la DINUM le voit et peut le relancer", async () => {
    const { db } = database();
    const port = await closedPort();
    const id = await enqueueEmail(db, message("abandon@exemple.gouv.fr"));
    const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, "t@exemple.gouv.fr");
    let now = new Date();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await deliverDueEmails(db, mailer, now);
      now = new Date(now.getTime() + retryDelayMs(attempt));
    }
    const failed = await listEmails(db, dinum, { status: "echec" });
    expect(failed.rows.map((row) => row.id)).toContain(id);
    await expect(retryEmail(db, agent, id)).rejects.toThrow("droits");
    await retryEmail(db, dinum, id);
    expect((await getEmail(db, dinum, id)).status).toBe("en_attente");
    await expect(retryEmail(db, dinum, id)).rejects.toThrow("Seul un courriel en échec");
  });

  it("conserve les courriels sans SMTP configuré, lisibles par la DINUM seulement", async () => {
    const { db } = database();
    const id = await enqueueEmail(db, message("local@exemple.gouv.fr"));
    const report = await deliverDueEmails(db, null);
    expect(report.kept).toBeGreaterThanOrEqual(1);
    expect((await getEmail(db, dinum, id)).status).toBe("conserve");
    await expect(getEmail(db, agent, id)).rejects.toThrow("droits");
  });
});

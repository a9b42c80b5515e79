import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { resetMatchingEngine } from "@/features/appariement/engine-store";
import { resetPublishedMissions } from "@/features/appariement/missions-store";
import { getMissionAlert, sendDueMissionAlerts, setMissionAlert, unsubscribeWithToken } from "@/features/alertes/service";
import type { CurrentUser } from "@/server/auth/roles";
import { agentProfiles, missions, users } from "@/server/db/schema";
import { missionAlertItems, missionAlerts } from "@/server/db/schema-alertes";
import { emailOutbox } from "@/server/db/schema-messagerie";
import { seedDemoData, seedUuid } from "@/server/db/seed";
import { deliverDueEmails, smtpMailer } from "@/server/mail/worker";
import { startSmtpSink } from "../support/smtp-sink";
import { describeOnBothDatabases } from "./support/databases";

const WEEK = 7 * 24 * 3_600_000;
const APP_URL = "http://localhost:3000";

describeOnBothDatabases("alerte des nouvelles missions", (database) => {
  let agent: CurrentUser;
  let demandeurId: string;
  let administrationId: string;

  async function publish(title: string, publishedAt: Date, skills: string[]) {
    const [row] = await database()
      .db.insert(missions)
      .values({
        administrationId,
        authorId: demandeurId,
        title,
        description: `Nous cherchons un appui sur ${skills.join(" et ")} pour notre service.`,
        skills: skills.map((label) => ({ label, conceptId: null, required: true, level: "autonome" as const })),
        totalHours: 12,
        state: "publiee",
        publishedAt,
        updatedAt: publishedAt,
      })
      .returning({ id: missions.id });
    return row!.id;
  }

  const digestsTo = async (email: string) =>
    database().db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));

  beforeAll(async () => {
    resetMatchingEngine();
    resetPublishedMissions();
    const { db } = database();
    await seedDemoData(db);
    const [yann] = await db.select().from(users).where(eq(users.id, seedUuid("user:demo-demandeur-yann")));
    demandeurId = yann!.id;
    administrationId = yann!.administrationId!;
    const [created] = await db
      .insert(users)
      .values({ proconnectSub: "alerte-agent", idpId: "test", email: "lea.alerte@exemple.gouv.fr", givenName: "Léa", usualName: "Alerte", roles: ["agent"] })
      .returning();
    agent = {
      id: created!.id,
      email: created!.email,
      givenName: "Léa",
      usualName: "Alerte",
      displayName: "Léa Alerte",
      administrationId: null,
      administrationName: null,
      roles: ["agent"],
    };
    await db.insert(agentProfiles).values({
      userId: agent.id,
      presentation: "Je gère le site WordPress de la mairie et ses extensions depuis six ans, et je forme les rédacteurs.",
      skills: [
        { label: "WordPress", level: "expert", conceptId: null },
        { label: "Drupal", level: "autonome", conceptId: null },
      ],
      hoursPerMonth: 8,
    });
  });

  it("n'écrit rien à un agent qui ne l'a pas demandé, et réserve l'alerte aux agents", async () => {
    const { db } = database();
    await publish("Refonte du site WordPress de la médiathèque", new Date(), ["WordPress"]);
    expect(await getMissionAlert(db, agent)).toEqual({ active: false });
    await sendDueMissionAlerts(db, { appUrl: APP_URL, intervalMs: WEEK });
    expect(await digestsTo(agent.email)).toEqual([]);
    await expect(setMissionAlert(db, { ...agent, roles: ["demandeur"] }, true)).rejects.toThrow("réservée aux agents");
  });

  it("envoie une fois, même lancée par deux serveurs à la fois, les nouvelles missions qui correspondent, avec un désabonnement en un clic", async () => {
    const { db } = database();
    await setMissionAlert(db, agent, true);
    const reports = await Promise.all([
      sendDueMissionAlerts(db, { appUrl: APP_URL, intervalMs: WEEK }),
      sendDueMissionAlerts(db, { appUrl: APP_URL, intervalMs: WEEK }),
    ]);
    expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(1);
    const [digest, ...others] = await digestsTo(agent.email);
    expect(others).toEqual([]);
    expect(digest!.template).toBe("alerte-missions");
    expect(digest!.textBody).toContain("Refonte du site WordPress de la médiathèque");
    expect(digest!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(digest!.headers["List-Unsubscribe"]).toMatch(/^<http:\/\/localhost:3000\/api\/alertes\/desabonnement\/[A-Za-z0-9_-]{43}>$/);

    // Delivered over SMTP with its headers; the outbox then keeps no usable link.
    const sink = await startSmtpSink();
    try {
      await deliverDueEmails(db, smtpMailer(sink.url, "test@exemple.gouv.fr"));
      const received = sink.received.find((mail) => mail.to.includes(agent.email))!;
      expect(received.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
      const token = received.headers["list-unsubscribe"]!.match(/desabonnement\/([A-Za-z0-9_-]{43})>/)![1]!;
      expect(received.text).toContain(`/alertes/desabonnement/${token}`);
      const [kept] = await digestsTo(agent.email);
      expect(kept!.textBody).not.toContain(token);
      expect(JSON.stringify(kept!.headers)).not.toContain(token);

      expect(await unsubscribeWithToken(db, "x".repeat(43))).toBe("inconnu");
      expect(await getMissionAlert(db, agent)).toEqual({ active: true });
      expect(await unsubscribeWithToken(db, token)).toBe("desabonne");
      expect(await getMissionAlert(db, agent)).toEqual({ active: false });
    } finally {
      await sink.close();
    }
  });

  it("envoie une nouvelle mission dès sa publication, puis au plus un courriel par semaine, jamais deux fois la même mission ni une qui ne correspond pas", async () => {
    const { db } = database();
    const day = 24 * 3_600_000;
    const run = (at: number) => sendDueMissionAlerts(db, { appUrl: APP_URL, intervalMs: WEEK, now: new Date(at) });
    await setMissionAlert(db, agent, true);
    const now = Date.now();
    // Re-subscribing: what was sent before is not sent again, so nothing new yet.
    expect(await run(now)).toEqual({ sent: 0, empty: 1 });
    // Nothing newer was published: the digest is not even computed again.
    expect(await run(now + 1000)).toEqual({ sent: 0, empty: 0 });
    expect(await digestsTo(agent.email)).toHaveLength(1);

    const fits = await publish("Extensions WordPress du portail des associations", new Date(now + 2 * day), ["WordPress"]);
    await publish("Marché public de fournitures de bureau", new Date(now + 2 * day), ["Commande publique"]);
    expect(await run(now + 3 * day)).toEqual({ sent: 1, empty: 0 });
    const second = (await digestsTo(agent.email)).find((email) => email.textBody.includes("portail des associations"))!;
    expect(second.textBody).not.toContain("Refonte du site WordPress de la médiathèque");
    expect(second.textBody).not.toContain("fournitures de bureau");

    await publish("Thème WordPress de l'office de tourisme", new Date(now + 4 * day), ["WordPress"]);
    // Less than a week after the last digest: nothing leaves.
    expect(await run(now + 5 * day)).toEqual({ sent: 0, empty: 0 });
    expect(await digestsTo(agent.email)).toHaveLength(2);
    expect(await run(now + 3 * day + WEEK + 1000)).toEqual({ sent: 1, empty: 0 });
    const emails = await digestsTo(agent.email);
    expect(emails).toHaveLength(3);
    const third = emails.find((email) => email.textBody.includes("office de tourisme"))!;
    expect(third.textBody).not.toContain("portail des associations");
    const sent = await db.select().from(missionAlertItems).where(eq(missionAlertItems.agentId, agent.id));
    expect(sent.filter((item) => item.missionId === fits)).toHaveLength(1);
    const [alert] = await db.select().from(missionAlerts).where(eq(missionAlerts.agentId, agent.id));
    expect(alert!.lastDigestAt!.getTime()).toBe(now + 3 * day + WEEK + 1000);
  });
});

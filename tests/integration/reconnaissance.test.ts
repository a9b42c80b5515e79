import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { badgesOf, exportContributorsCsv, inviteToEvent, listMinistries, topContributors } from "@/features/reconnaissance/service";
import type { CurrentUser } from "@/server/auth/roles";
import { administrations, auditLog, missions, users } from "@/server/db/schema";
import { eventInvitations } from "@/server/db/schema-compensation";
import { emailOutbox, notifications } from "@/server/db/schema-messagerie";
import { confirmedHours, missionCandidates } from "@/server/db/schema-parcours";
import { describeOnBothDatabases } from "./support/databases";

const INTERIEUR = "Ministère de l'Intérieur";
const ARMEES = "Ministère des Armées";

const dinum: CurrentUser = {
  id: "00000000-0000-4000-8000-00000000d1d1",
  email: "reco.dinum@numerique.gouv.fr",
  givenName: "Mission",
  usualName: "Talents",
  displayName: "Mission Talents",
  administrationId: null,
  administrationName: null,
  roles: ["agent", "dinum"],
};

describeOnBothDatabases("reconnaissance : badges, meilleurs contributeurs, invitations", (database) => {
  const administrationIds: Record<"a" | "b" | "c" | "d", string> = { a: "", b: "", c: "", d: "" };
  const agents = { alpha: "", beta: "", gamma: "", delta: "" };
  let authorId = "";
  const asAgent = (id: string): CurrentUser => ({ ...dinum, id, email: `${id}@test.gouv.fr`, roles: ["agent"] });

  /** A finished participation: mission of the borrowing administration, selected candidate, confirmed hours. */
  async function participation(agentId: string, borrower: keyof typeof administrationIds, hours: number, confirmedAt: string, attestedSkills: string[] = []) {
    const { db } = database();
    const [agent] = await db.select().from(users).where(eq(users.id, agentId));
    const [mission] = await db
      .insert(missions)
      .values({ administrationId: administrationIds[borrower], authorId, title: `Mission de ${hours} h`, state: "terminee" })
      .returning({ id: missions.id });
    const [candidate] = await db
      .insert(missionCandidates)
      .values({ missionId: mission!.id, agentId, origin: "candidature", state: "selectionnee", hoursState: "confirmees", confirmedHours: hours, attestedSkills })
      .returning({ id: missionCandidates.id });
    await db.insert(confirmedHours).values({
      candidateId: candidate!.id,
      missionId: mission!.id,
      agentId,
      lendingAdministrationId: agent!.administrationId,
      borrowingAdministrationId: administrationIds[borrower],
      hours,
      confirmedAt: new Date(confirmedAt),
    });
  }

  beforeAll(async () => {
    const { db } = database();
    const created = await db
      .insert(administrations)
      .values([
        { siret: "11000000000001", name: "Préfecture du Rhône", ministry: INTERIEUR },
        { siret: "11000000000002", name: "Direction des achats", ministry: ARMEES },
        { siret: "11000000000003", name: "Service des archives", ministry: "Ministère de la Culture" },
        { siret: "11000000000004", name: "Agence de l'eau", ministry: "Ministère de la Transition écologique" },
      ])
      .returning({ id: administrations.id });
    [administrationIds.a, administrationIds.b, administrationIds.c, administrationIds.d] = created.map((row) => row.id) as [string, string, string, string];
    const people = await db
      .insert(users)
      .values([
        { proconnectSub: "alpha", idpId: "test", email: "alice.alpha@interieur.gouv.fr", givenName: "Alice", usualName: "Alpha", administrationId: administrationIds.a },
        { proconnectSub: "beta", idpId: "test", email: "bruno.beta@defense.gouv.fr", givenName: "Bruno", usualName: "Beta", administrationId: administrationIds.b },
        { proconnectSub: "gamma", idpId: "test", email: "gaelle.gamma@interieur.gouv.fr", givenName: "Gaëlle", usualName: "Gamma", administrationId: administrationIds.a },
        { proconnectSub: "delta", idpId: "test", email: "denis.delta@culture.gouv.fr", givenName: "Denis", usualName: "Delta", administrationId: administrationIds.c },
        { proconnectSub: "auteur", idpId: "test", email: "demandeur@eau.gouv.fr", givenName: "Dora", usualName: "Demande", administrationId: administrationIds.d, roles: ["agent", "demandeur"] },
        { id: dinum.id, proconnectSub: "reco-dinum", idpId: "test", email: dinum.email },
      ])
      .returning({ id: users.id });
    [agents.alpha, agents.beta, agents.gamma, agents.delta, authorId] = people.map((row) => row.id) as [string, string, string, string, string];

    // Alice reaches 10 h exactly with her second mission and 50 h exactly with her third, for three administrations.
    await participation(agents.alpha, "b", 4, "2025-01-10T10:00:00Z", ["RGPD", "Marchés publics"]);
    await participation(agents.alpha, "c", 6, "2025-02-10T10:00:00Z", ["rgpd"]);
    await participation(agents.alpha, "d", 40, "2025-03-15T10:00:00Z");
    // Bruno: 9 h, one short of the threshold; confirmed on 28 February at 21:00 in Paris.
    await participation(agents.beta, "a", 9, "2025-02-28T20:00:00Z");
    // Gaëlle: twice for the same administration; the second is already 1 March in Paris.
    await participation(agents.gamma, "b", 5, "2025-01-20T10:00:00Z");
    await participation(agents.gamma, "b", 7, "2025-02-28T23:30:00Z");
  });

  it("chaque règle de badge, prouvée sur les heures confirmées en base", async () => {
    const { db } = database();
    const alpha = await badgesOf(db, asAgent(agents.alpha), agents.alpha);
    expect(alpha.map((badge) => badge.id)).toEqual(["premiere_mission", "dix_heures", "cinquante_heures", "trois_administrations", "competence_attestee"]);
    const at = (id: string) => alpha.find((badge) => badge.id === id)?.earnedAt?.toISOString();
    expect(at("premiere_mission")).toBe("2025-01-10T10:00:00.000Z");
    expect(at("dix_heures")).toBe("2025-02-10T10:00:00.000Z");
    expect(at("cinquante_heures")).toBe("2025-03-15T10:00:00.000Z");
    expect(at("trois_administrations")).toBe("2025-03-15T10:00:00.000Z");
    expect(alpha.find((badge) => badge.id === "competence_attestee")?.skills).toEqual(["Marchés publics", "RGPD"]);

    expect((await badgesOf(db, asAgent(agents.beta), agents.beta)).map((badge) => badge.id)).toEqual(["premiere_mission"]);
    // 12 h but a single administration helped.
    expect((await badgesOf(db, asAgent(agents.gamma), agents.gamma)).map((badge) => badge.id)).toEqual(["premiere_mission", "dix_heures"]);
    expect(await badgesOf(db, asAgent(agents.delta), agents.delta)).toEqual([]);
  });

  it("un agent ne lit pas les badges d'un autre ; la DINUM les lit tous", async () => {
    const { db } = database();
    await expect(badgesOf(db, asAgent(agents.beta), agents.alpha)).rejects.toThrow("propres badges");
    expect(await badgesOf(db, dinum, agents.alpha)).toHaveLength(5);
  });

  it("meilleurs contributeurs : classés par heures confirmées, avec missions et badges", async () => {
    const { db } = database();
    const ranking = await topContributors(db, dinum);
    expect(ranking.map((row) => [row.displayName, row.hours, row.missions])).toEqual([
      ["Alice Alpha", 50, 3],
      ["Gaëlle Gamma", 12, 2],
      ["Bruno Beta", 9, 1],
    ]);
    expect(ranking[0]).toMatchObject({ administrationName: "Préfecture du Rhône", ministry: INTERIEUR });
    expect(ranking[0]!.badges).toHaveLength(5);
    expect(await topContributors(db, dinum, { limite: 1 })).toHaveLength(1);
  });

  it("meilleurs contributeurs sur une période (jours de Paris, bornes incluses)", async () => {
    const { db } = database();
    const february = await topContributors(db, dinum, { du: "2025-02-01", au: "2025-02-28" });
    expect(february.map((row) => [row.displayName, row.hours])).toEqual([
      ["Bruno Beta", 9],
      ["Alice Alpha", 6],
    ]);
    // Badges do not depend on the period.
    expect(february.find((row) => row.displayName === "Alice Alpha")!.badges).toHaveLength(5);
    const fromMarch = await topContributors(db, dinum, { du: "2025-03-01" });
    expect(fromMarch.map((row) => [row.displayName, row.hours])).toEqual([
      ["Alice Alpha", 40],
      ["Gaëlle Gamma", 7],
    ]);
    expect(await topContributors(db, dinum, { au: "2024-12-31" })).toEqual([]);
  });

  it("meilleurs contributeurs d'un ministère (celui de l'administration de l'agent)", async () => {
    const { db } = database();
    expect((await topContributors(db, dinum, { ministere: INTERIEUR })).map((row) => row.displayName)).toEqual(["Alice Alpha", "Gaëlle Gamma"]);
    expect((await topContributors(db, dinum, { ministere: ARMEES, du: "2025-02-01" })).map((row) => row.displayName)).toEqual(["Bruno Beta"]);
    expect(await listMinistries(db, dinum)).toContain(ARMEES);
  });

  it("exporte en CSV le classement affiché, avec les mêmes filtres", async () => {
    const { db } = database();
    const { filename, content } = await exportContributorsCsv(db, dinum, { du: "2025-02-01", au: "2025-02-28" });
    expect(filename).toBe("contributeurs-2025-02-01-au-2025-02-28.csv");
    const lines = content.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("Rang;Agent;Courriel;Administration;Ministère;Heures confirmées sur la période;Missions;Badges");
    const february = await topContributors(db, dinum, { du: "2025-02-01", au: "2025-02-28" });
    expect(lines.slice(1).map((line) => line.split(";").slice(0, 2).concat(line.split(";")[5]!))).toEqual(
      february.map((row, index) => [String(index + 1), row.displayName, String(row.hours)]),
    );
    expect(lines[2]).toContain("Préfecture du Rhône");
    await expect(exportContributorsCsv(db, asAgent(agents.alpha))).rejects.toThrow("droits");
  });

  it("seule la DINUM voit le classement", async () => {
    const { db } = database();
    await expect(topContributors(db, asAgent(agents.alpha))).rejects.toThrow("droits");
    await expect(listMinistries(db, asAgent(agents.alpha))).rejects.toThrow("droits");
  });

  it("la DINUM invite : invitation, courriel dans l'outbox, notification, audit ; une seconde invitation ne renvoie rien", async () => {
    const { db } = database();
    const event = { eventName: "Rencontre des talents 2030", eventDate: "2030-06-12", place: "Paris, 20 avenue de Ségur", message: "Un buffet suivra." };
    const first = await inviteToEvent(db, dinum, { ...event, userIds: [agents.alpha, agents.beta] });
    expect(first.invited.map((person) => person.displayName)).toEqual(["Alice Alpha", "Bruno Beta"]);
    expect(first.alreadyInvited).toEqual([]);

    const [email] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.template, "invitation-evenement"), eq(emailOutbox.toAddress, "alice.alpha@interieur.gouv.fr")));
    expect(email?.subject).toBe("Invitation : Rencontre des talents 2030");
    expect(email?.textBody).toContain("mercredi 12 juin 2030");
    expect(email?.textBody).toContain("Paris, 20 avenue de Ségur");
    expect(email?.textBody).toContain("Un buffet suivra.");
    const [notification] = await db.select().from(notifications).where(eq(notifications.userId, agents.alpha));
    expect(notification?.title).toBe("Invitation : Rencontre des talents 2030");
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "evenement.invitation"));
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ actorUserId: dinum.id, entityType: "event_invitation" });

    const second = await inviteToEvent(db, dinum, { ...event, userIds: [agents.alpha, agents.gamma] });
    expect(second.invited.map((person) => person.displayName)).toEqual(["Gaëlle Gamma"]);
    expect(second.alreadyInvited.map((person) => person.displayName)).toEqual(["Alice Alpha"]);
    const alphaEmails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.template, "invitation-evenement"), eq(emailOutbox.toAddress, "alice.alpha@interieur.gouv.fr")));
    expect(alphaEmails).toHaveLength(1);
    expect(await db.select().from(eventInvitations)).toHaveLength(3);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "evenement.invitation"))).toHaveLength(3);
    expect(await db.select().from(notifications).where(eq(notifications.userId, agents.alpha))).toHaveLength(1);

    // Another date is another event.
    const otherDate = await inviteToEvent(db, dinum, { ...event, eventDate: "2030-06-13", userIds: [agents.alpha] });
    expect(otherDate.invited).toHaveLength(1);
  });

  it("un agent non DINUM ne peut pas inviter, et rien n'est écrit", async () => {
    const { db } = database();
    const before = (await db.select().from(eventInvitations)).length;
    await expect(
      inviteToEvent(db, asAgent(agents.alpha), { eventName: "Fête", eventDate: "2030-01-01", place: "Lyon", message: "", userIds: [agents.beta] }),
    ).rejects.toThrow("Seule l'équipe DINUM");
    expect(await db.select().from(eventInvitations)).toHaveLength(before);
  });

  it("une personne inconnue fait échouer toute l'invitation", async () => {
    const { db } = database();
    const before = (await db.select().from(emailOutbox)).length;
    await expect(
      inviteToEvent(db, dinum, { eventName: "Atelier", eventDate: "2030-02-02", place: "En ligne", message: "", userIds: [agents.delta, "00000000-0000-4000-8000-00000000beef"] }),
    ).rejects.toThrow("n'existe plus");
    expect(await db.select().from(emailOutbox)).toHaveLength(before);
  });
});

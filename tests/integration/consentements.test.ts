import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import {
  ConsentLinkError,
  decideConsent,
  listPendingConsents,
  PENDING_CONSENTS_PAGE_SIZE,
  resendConsentRequest,
  sendConsentReminders,
  viewConsentRequest,
} from "@/features/consentements/service";
import { CONSENT_REMINDER_AFTER_MS, CONSENT_VALIDITY_MS } from "@/features/consentements/tokens";
import { listMyProposals, proposeMission, respondToProposal } from "@/features/propositions/service";
import type { CurrentUser } from "@/server/auth/roles";
import { seedDemoData } from "@/server/db/seed";
import { agentProfiles, auditLog, missions, users } from "@/server/db/schema";
import { emailOutbox } from "@/server/db/schema-messagerie";
import { consentRequests, missionCandidates } from "@/server/db/schema-parcours";
import { describeOnBothDatabases } from "./support/databases";
import { managerSignedIn, TestMailbox } from "./support/mailbox";

const dinum: CurrentUser = {
  id: "00000000-0000-4000-8000-0000000000d1",
  email: "mission.talents@numerique.gouv.fr",
  givenName: "Mission",
  usualName: "Talents",
  displayName: "Mission Talents",
  administrationId: null,
  administrationName: null,
  roles: ["agent", "dinum"],
};

function asAgent(row: { id: string; email: string }): CurrentUser {
  return { ...dinum, id: row.id, email: row.email, roles: ["agent"] };
}

describeOnBothDatabases("proposition et consentement du manager", (database) => {
  // The token exists only in the delivered email: read it from the manager's inbox.
  const mailbox = new TestMailbox();
  const tokenSentTo = (db: Parameters<typeof decideConsent>[0], managerEmail: string, now?: Date) => mailbox.consentToken(db, managerEmail, now);
  const manager = (agent: { id: string; managerEmail: string }, email = agent.managerEmail) => managerSignedIn(database().db, agent, email);
  let missionId: string;
  let agents: { id: string; email: string; managerEmail: string }[];

  beforeAll(async () => {
    const { db } = database();
    await seedDemoData(db);
    await db.insert(users).values({ id: dinum.id, proconnectSub: "dinum-test", idpId: "test", email: dinum.email });
    const [mission] = await db.select().from(missions).where(eq(missions.state, "publiee")).limit(1);
    missionId = mission!.id;
    agents = await db
      .select({ id: users.id, email: users.email, managerEmail: agentProfiles.managerEmail })
      .from(agentProfiles)
      .innerJoin(users, eq(users.id, agentProfiles.userId))
      .where(eq(agentProfiles.visibility, "ouvert"))
      .limit(6);
  });

  async function acceptedCandidate(agentIndex: number) {
    const { db } = database();
    const agent = agents[agentIndex]!;
    await proposeMission(db, dinum, { missionId, agentIds: [agent.id] });
    const [proposal] = await listMyProposals(db, asAgent(agent));
    await respondToProposal(db, asAgent(agent), { candidateId: proposal!.candidateId, accept: true });
    return { agent, candidateId: proposal!.candidateId, token: await tokenSentTo(db, agent.managerEmail) };
  }

  it("seule la DINUM propose, et une double proposition ne propose qu'une fois", async () => {
    const { db } = database();
    const agent = agents[0]!;
    await expect(proposeMission(db, asAgent(agent), { missionId, agentIds: [agent.id] })).rejects.toThrow("droits");
    const results = await Promise.allSettled([
      proposeMission(db, dinum, { missionId, agentIds: [agent.id] }),
      proposeMission(db, dinum, { missionId, agentIds: [agent.id] }),
    ]);
    const proposedCount = results.reduce((sum, result) => sum + (result.status === "fulfilled" ? result.value.proposed : 0), 0);
    expect(proposedCount).toBe(1);
    const emails = await db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, agent.email), eq(emailOutbox.template, "proposition")));
    expect(emails).toHaveLength(1);
  });

  it("l'agent répond à sa proposition seulement, une seule fois ; accepter écrit au manager", async () => {
    const { db } = database();
    const agent = agents[0]!;
    const [proposal] = await listMyProposals(db, asAgent(agent));
    await expect(respondToProposal(db, asAgent(agents[1]!), { candidateId: proposal!.candidateId, accept: true })).rejects.toThrow(
      "ne vous est pas adressée",
    );
    await respondToProposal(db, asAgent(agent), { candidateId: proposal!.candidateId, accept: true });
    await expect(respondToProposal(db, asAgent(agent), { candidateId: proposal!.candidateId, accept: false })).rejects.toThrow("déjà répondu");
    const [request] = await db.select().from(consentRequests).where(eq(consentRequests.candidateId, proposal!.candidateId));
    expect(request?.managerEmail).toBe(agent.managerEmail);
    const token = await tokenSentTo(db, agent.managerEmail);
    expect(request?.tokenHash).not.toBe(token);
    expect(request!.expiresAt.getTime() - request!.createdAt.getTime()).toBe(CONSENT_VALIDITY_MS);
  });

  it("le manager voit la mission et approuve ; le lien ne sert qu'une fois", async () => {
    const { db } = database();
    const { agent, candidateId } = { agent: agents[0]!, candidateId: (await listMyProposals(db, asAgent(agents[0]!)))[0]!.candidateId };
    const token = await tokenSentTo(db, agent.managerEmail);
    const view = await viewConsentRequest(db, token, await manager(agent));
    expect(view.missionTitle).toBeTruthy();
    await decideConsent(db, await manager(agent), { token, decision: "approuve", comment: "Bonne idée" });
    const [candidate] = await db.select().from(missionCandidates).where(eq(missionCandidates.id, candidateId));
    expect(candidate?.state).toBe("consentie");
    await expect(decideConsent(db, await manager(agent), { token, decision: "refuse" })).rejects.toThrow(ConsentLinkError);
    await expect(viewConsentRequest(db, token, await manager(agent))).rejects.toThrow("déjà servi");
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, candidateId), eq(auditLog.action, "consentement.approuve")));
    expect(audit?.actorLabel).toContain(agent.managerEmail);
    expect(audit?.reason).toBe("Bonne idée");
  });

  it("un lien forgé ou inconnu ne change rien", async () => {
    const { db } = database();
    await expect(viewConsentRequest(db, "pas-un-jeton", await manager(agents[0]!))).rejects.toThrow("pas valide");
    await expect(decideConsent(db, await manager(agents[0]!), { token: "A".repeat(43), decision: "approuve" })).rejects.toThrow("pas valide");
  });

  it("un lien expiré est refusé et ne change rien", async () => {
    const { db } = database();
    const { agent, candidateId, token } = await acceptedCandidate(1);
    const later = new Date(Date.now() + CONSENT_VALIDITY_MS + 60_000);
    await expect(decideConsent(db, await manager(agent), { token, decision: "approuve" }, later)).rejects.toThrow("expiré");
    const [candidate] = await db.select().from(missionCandidates).where(eq(missionCandidates.id, candidateId));
    expect(candidate?.state).toBe("acceptee");
  });

  it("deux décisions simultanées donnent une seule issue", async () => {
    const { db } = database();
    const { agent, candidateId, token } = await acceptedCandidate(2);
    const signedManager = await manager(agent);
    const outcomes = await Promise.allSettled([
      decideConsent(db, signedManager, { token, decision: "approuve" }),
      decideConsent(db, signedManager, { token, decision: "refuse" }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const decided = await db.select().from(consentRequests).where(eq(consentRequests.candidateId, candidateId));
    expect(decided.filter((request) => request.decidedAt)).toHaveLength(1);
    const [candidate] = await db.select().from(missionCandidates).where(eq(missionCandidates.id, candidateId));
    expect(["consentie", "refusee_manager"]).toContain(candidate?.state);
  });

  it("la DINUM renvoie le lien à une autre adresse : l'ancien lien est remplacé", async () => {
    const { db } = database();
    const { agent, candidateId, token } = await acceptedCandidate(3);
    await expect(resendConsentRequest(db, asAgent(agent), { candidateId })).rejects.toThrow("droits");
    const pending = await listPendingConsents(db, dinum);
    expect(pending.rows.map((row) => row.candidateId)).toContain(candidateId);
    await resendConsentRequest(db, dinum, { candidateId, managerEmail: "nouveau.manager@exemple.gouv.fr", managerName: "Nouveau Manager", reason: "Changement de service" });
    await expect(decideConsent(db, await manager(agent, "nouveau.manager@exemple.gouv.fr"), { token, decision: "approuve" })).rejects.toThrow("remplacé");
    const [profile] = await db.select().from(agentProfiles).where(eq(agentProfiles.userId, agent.id));
    expect(profile?.managerEmail).toBe("nouveau.manager@exemple.gouv.fr");
    const fresh = await tokenSentTo(db, "nouveau.manager@exemple.gouv.fr");
    await decideConsent(db, await manager(agent, "nouveau.manager@exemple.gouv.fr"), { token: fresh, decision: "refuse", comment: "Période chargée" });
    const [candidate] = await db.select().from(missionCandidates).where(eq(missionCandidates.id, candidateId));
    expect(candidate?.state).toBe("refusee_manager");
  });

  it("relance le manager après trois jours avec un nouveau lien, une seule fois", async () => {
    const { db } = database();
    const { agent, candidateId, token } = await acceptedCandidate(4);
    const afterThreeDays = new Date(Date.now() + CONSENT_REMINDER_AFTER_MS + 60_000);
    expect(await sendConsentReminders(db, new Date())).toBe(0);
    expect(await sendConsentReminders(db, afterThreeDays)).toBeGreaterThanOrEqual(1);
    expect(await sendConsentReminders(db, afterThreeDays)).toBe(0);
    const reminders = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, agent.managerEmail), eq(emailOutbox.template, "consentement-relance")));
    expect(reminders.length).toBeGreaterThanOrEqual(1);
    await expect(decideConsent(db, await manager(agent), { token, decision: "approuve" }, afterThreeDays)).rejects.toThrow("remplacé");
    const reminderToken = await tokenSentTo(db, agent.managerEmail, afterThreeDays);
    await decideConsent(db, await manager(agent), { token: reminderToken, decision: "approuve" }, afterThreeDays);
    const [candidate] = await db.select().from(missionCandidates).where(eq(missionCandidates.id, candidateId));
    expect(candidate?.state).toBe("consentie");
  });

  it("pagine les accords en attente côté serveur, les plus anciens d'abord, sans perte ni doublon", async () => {
    const { db } = database();
    const [other] = await db.select().from(missions).where(eq(missions.state, "publiee")).offset(1).limit(1);
    const people = await db.select({ id: users.id }).from(users).limit(PENDING_CONSENTS_PAGE_SIZE + 5);
    const base = Date.now() - 86_400_000;
    for (const [index, person] of people.entries()) {
      const [candidate] = await db
        .insert(missionCandidates)
        .values({ missionId: other!.id, agentId: person.id, origin: "ajout_dinum", state: "acceptee" })
        .onConflictDoNothing()
        .returning({ id: missionCandidates.id });
      if (!candidate) continue;
      await db.insert(consentRequests).values({
        candidateId: candidate.id,
        managerName: "Manager",
        managerEmail: `manager.${index}@exemple.gouv.fr`,
        tokenHash: `pagination-${index}`,
        expiresAt: new Date(base + 14 * 86_400_000),
        createdAt: new Date(base + index * 1000),
      });
    }
    const first = await listPendingConsents(db, dinum);
    expect(first.total).toBeGreaterThan(PENDING_CONSENTS_PAGE_SIZE);
    expect(first.rows).toHaveLength(PENDING_CONSENTS_PAGE_SIZE);
    const all = [...first.rows];
    for (let page = 2; page <= first.pageCount; page++) all.push(...(await listPendingConsents(db, dinum, new Date(), page)).rows);
    expect(all).toHaveLength(first.total);
    expect(new Set(all.map((row) => row.candidateId)).size).toBe(first.total);
    const sent = all.map((row) => row.sentAt.getTime());
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
  });
});

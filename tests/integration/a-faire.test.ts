import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { agentToDo, CONSENT_EXPIRING_WITHIN_MS, demandeurToDo, dinumToDo, dinumToDoCounts, navigationCounts } from "@/features/a-faire/service";
import { listAllMissions } from "@/features/missions/service";
import { parseDinumMissionsQuery } from "@/features/missions/search-params";
import { sendCandidateList } from "@/features/selection/service";
import { decideConsent, listManagerConsents, listPendingConsents, withdrawConsent } from "@/features/consentements/service";
import { listMyProposals, proposeMission, respondToProposal } from "@/features/propositions/service";
import type { CurrentUser } from "@/server/auth/roles";
import { seedDemoData } from "@/server/db/seed";
import { agentProfiles, auditLog, missions, users } from "@/server/db/schema";
import { emailOutbox, notifications } from "@/server/db/schema-messagerie";
import { consentRequests, missionCandidates } from "@/server/db/schema-parcours";
import { describeOnBothDatabases } from "./support/databases";
import { managerSignedIn, TestMailbox } from "./support/mailbox";

const dinum: CurrentUser = {
  id: "00000000-0000-4000-8000-0000000000d2",
  email: "mission.talents@numerique.gouv.fr",
  givenName: "Mission",
  usualName: "Talents",
  displayName: "Mission Talents",
  administrationId: null,
  administrationName: null,
  roles: ["agent", "dinum"],
};

const asAgent = (row: { id: string; email: string }): CurrentUser => ({ ...dinum, id: row.id, email: row.email, roles: ["agent"] });
const MANAGER_ID = "00000000-0000-4000-8000-0000000000e1";
const asManager = (email: string): CurrentUser => ({ ...dinum, id: MANAGER_ID, email, displayName: "Manager Test", roles: ["manager"] });


describeOnBothDatabases("listes « à faire » et espace manager", (database) => {
  // The consent link exists only in the delivered email; the manager signs in with ProConnect.
  const mailbox = new TestMailbox();
  let missionId: string;
  let demandeur: CurrentUser;
  let agent: { id: string; email: string; managerEmail: string };

  beforeAll(async () => {
    const { db } = database();
    await seedDemoData(db);
    await db.insert(users).values({ id: dinum.id, proconnectSub: "dinum-a-faire", idpId: "test", email: dinum.email });
    const [mission] = await db.select().from(missions).where(eq(missions.state, "publiee")).limit(1);
    missionId = mission!.id;
    const [author] = await db.select().from(users).where(eq(users.id, mission!.authorId));
    demandeur = { ...dinum, id: author!.id, email: author!.email, administrationId: mission!.administrationId, roles: ["demandeur"] };
    const [row] = await db
      .select({ id: users.id, email: users.email, managerEmail: agentProfiles.managerEmail })
      .from(agentProfiles)
      .innerJoin(users, eq(users.id, agentProfiles.userId))
      .where(eq(agentProfiles.visibility, "ouvert"))
      .offset(5)
      .limit(1);
    agent = { id: row!.id, email: row!.email, managerEmail: row!.managerEmail! };
  });

  it("de la proposition au retrait de l'accord, chacun voit ce qu'il a à faire", async () => {
    const { db } = database();
    await proposeMission(db, dinum, { missionId, agentIds: [agent.id] });
    const proposed = await agentToDo(db, asAgent(agent));
    expect(proposed.proposals.map((item) => item.missionId)).toContain(missionId);

    const [proposal] = (await listMyProposals(db, asAgent(agent))).filter((item) => item.missionId === missionId);
    await respondToProposal(db, asAgent(agent), { candidateId: proposal!.candidateId, accept: true });
    expect((await agentToDo(db, asAgent(agent))).proposals.map((item) => item.missionId)).not.toContain(missionId);

    // DINUM's home counts the consents late or expiring and shows only the first few, the soonest
    // expiry first; the full list is `/dinum/consentements?filtre=urgents`, paginated, in the same order.
    const [request] = await db.select().from(consentRequests).where(eq(consentRequests.candidateId, proposal!.candidateId));
    const soon = new Date(request!.expiresAt.getTime() - CONSENT_EXPIRING_WITHIN_MS / 2);
    const urgent = await listPendingConsents(db, dinum, soon, 1, { urgentOnly: true });
    expect(urgent.rows.map((row) => row.candidateId)).toContain(proposal!.candidateId);
    const home = await dinumToDo(db, dinum, soon, 1);
    expect(home.counts.consents).toBe(urgent.total);
    expect(home.consents).toHaveLength(1);
    expect(home.consents[0]!.candidateId).toBe(urgent.rows[0]!.candidateId);
    expect((await dinumToDoCounts(db, dinum, soon)).consents).toBe(urgent.total);
    // Long before its expiry, a consent just asked for is not urgent.
    const early = new Date(request!.createdAt.getTime() + 60_000);
    expect((await listPendingConsents(db, dinum, early, 1, { urgentOnly: true })).rows.map((row) => row.candidateId)).not.toContain(proposal!.candidateId);
    expect((await listPendingConsents(db, dinum, early, 1)).rows.length).toBeGreaterThan(0);

    // The manager sees the request waiting; another manager does not.
    const manager = await managerSignedIn(db, agent, agent.managerEmail);
    const waiting = await listManagerConsents(db, manager);
    expect(waiting.waiting.map((item) => item.candidateId)).toEqual([proposal!.candidateId]);
    expect((await listManagerConsents(db, asManager("autre.manager@example.gouv.fr"))).waiting).toEqual([]);

    await decideConsent(db, manager, { token: await mailbox.consentToken(db, agent.managerEmail), decision: "approuve" });
    const decided = await listManagerConsents(db, manager);
    expect(decided.waiting).toEqual([]);
    expect(decided.decided).toMatchObject([{ candidateId: proposal!.candidateId, decision: "approuve", withdrawable: true }]);

    // DINUM's queue: a list to send for this mission; once sent, the demandeur has candidates to choose.
    // The home shows the first lists and their count; `/dinum/missions?liste=a_envoyer` has them all.
    const listsToSend = await listAllMissions(db, dinum, parseDinumMissionsQuery({ liste: "a_envoyer" }));
    expect(listsToSend.rows.map((row) => row.id)).toContain(missionId);
    const queue = await dinumToDo(db, dinum, new Date(), 1);
    expect(queue.counts.listsToSend).toBe(listsToSend.total);
    expect(queue.listsToSend.length).toBe(Math.min(1, listsToSend.total));
    const menu = await navigationCounts(db, dinum);
    expect(menu.consentements).toBe(queue.counts.consents);
    expect(menu.moderation).toBe(queue.counts.toModerate);
    expect(menu.dinum).toBe(queue.counts.toModerate + queue.counts.listsToSend + queue.counts.consents + (queue.counts.failingEmails > 0 ? 1 : 0));
    expect((await demandeurToDo(db, demandeur)).toChoose.map((item) => item.missionId)).not.toContain(missionId);
    await sendCandidateList(db, dinum, missionId);
    expect((await listAllMissions(db, dinum, parseDinumMissionsQuery({ liste: "a_envoyer" }))).rows.map((row) => row.id)).not.toContain(missionId);
    expect((await dinumToDoCounts(db, dinum)).listsToSend).toBe(listsToSend.total - 1);
    const toChoose = (await demandeurToDo(db, demandeur)).toChoose.find((item) => item.missionId === missionId);
    expect(toChoose?.candidates).toBeGreaterThanOrEqual(1);
    const before = toChoose!.candidates;

    // Only the manager named may withdraw, and only with the manager role.
    await expect(withdrawConsent(db, asManager("autre.manager@example.gouv.fr"), { candidateId: proposal!.candidateId, reason: "Charge de travail" })).rejects.toThrow(
      "Aucun accord de votre part",
    );
    await expect(withdrawConsent(db, asAgent(agent), { candidateId: proposal!.candidateId, reason: "Charge de travail" })).rejects.toThrow();

    await withdrawConsent(db, manager, { candidateId: proposal!.candidateId, reason: "Mise en production avancée" });
    const [candidate] = await db.select().from(missionCandidates).where(eq(missionCandidates.id, proposal!.candidateId));
    expect(candidate!.state).toBe("refusee_manager");
    const told = await db.select().from(notifications).where(and(eq(notifications.userId, agent.id), eq(notifications.title, "Votre manager a retiré son accord")));
    expect(told).toHaveLength(1);
    const mails = await db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, agent.email), eq(emailOutbox.template, "consentement-retire")));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.textBody).toContain("Mise en production avancée");
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.entityId, proposal!.candidateId), eq(auditLog.action, "consentement.retire")));
    expect(audit).toHaveLength(1);

    // Withdrawn once: a second time is refused, and the list has nothing new to send.
    await expect(withdrawConsent(db, manager, { candidateId: proposal!.candidateId, reason: "Encore" })).rejects.toThrow("Aucun accord de votre part");
    expect((await listManagerConsents(db, manager)).decided).toMatchObject([{ decision: "retire", withdrawable: false }]);
    expect((await listAllMissions(db, dinum, parseDinumMissionsQuery({ liste: "a_envoyer" }))).rows.map((row) => row.id)).not.toContain(missionId);
    const after = (await demandeurToDo(db, demandeur)).toChoose.find((item) => item.missionId === missionId)?.candidates ?? 0;
    expect(after).toBe(before - 1);
  });
});

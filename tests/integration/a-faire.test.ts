import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { agentToDo, demandeurToDo, dinumToDo } from "@/features/a-faire/service";
import { sendCandidateList } from "@/features/selection/service";
import { decideConsent, listManagerConsents, withdrawConsent } from "@/features/consentements/service";
import { listMyProposals, proposeMission, respondToProposal } from "@/features/propositions/service";
import type { CurrentUser } from "@/server/auth/roles";
import { seedDemoData } from "@/server/db/seed";
import { agentProfiles, auditLog, missions, users } from "@/server/db/schema";
import { emailOutbox, notifications } from "@/server/db/schema-messagerie";
import { missionCandidates } from "@/server/db/schema-parcours";
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
    expect((await dinumToDo(db, dinum)).listsToSend.map((item) => item.missionId)).toContain(missionId);
    expect((await demandeurToDo(db, demandeur)).toChoose.map((item) => item.missionId)).not.toContain(missionId);
    await sendCandidateList(db, dinum, missionId);
    expect((await dinumToDo(db, dinum)).listsToSend.map((item) => item.missionId)).not.toContain(missionId);
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
    expect((await dinumToDo(db, dinum)).listsToSend.map((item) => item.missionId)).not.toContain(missionId);
    const after = (await demandeurToDo(db, demandeur)).toChoose.find((item) => item.missionId === missionId)?.candidates ?? 0;
    expect(after).toBe(before - 1);
  });
});

import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { decideConsent } from "@/features/consentements/service";
import { listMyProposals, proposeMission, respondToProposal } from "@/features/propositions/service";
import { acceptCorrectedHours, declareHours, leaveFeedback, reviewHours } from "@/features/realisation/service";
import { getCandidateList, selectCandidates, sendCandidateList } from "@/features/selection/service";
import type { CurrentUser } from "@/server/auth/roles";
import { seedDemoData } from "@/server/db/seed";
import { agentProfiles, missions, users } from "@/server/db/schema";
import { emailOutbox } from "@/server/db/schema-messagerie";
import { confirmedHours, missionCandidates } from "@/server/db/schema-parcours";
import { describeOnBothDatabases } from "./support/databases";
import { managerSignedIn, TestMailbox } from "./support/mailbox";

const dinum: CurrentUser = {
  id: "00000000-0000-4000-8000-0000000000d2",
  email: "mission.talents.bis@numerique.gouv.fr",
  givenName: "Mission",
  usualName: "Talents",
  displayName: "Mission Talents",
  administrationId: null,
  administrationName: null,
  roles: ["agent", "dinum"],
};

describeOnBothDatabases("liste, sélection, heures", (database) => {
  let missionId: string;
  let demandeur: CurrentUser;
  let outsider: CurrentUser;
  let approved: { id: string; email: string; administrationId: string | null };
  let refused: { id: string; email: string };
  let approvedCandidateId: string;
  const asAgent = (row: { id: string; email: string }): CurrentUser => ({ ...dinum, id: row.id, email: row.email, roles: ["agent"] });

  const mailbox = new TestMailbox();

  beforeAll(async () => {
    const { db } = database();
    await seedDemoData(db);
    await db.insert(users).values({ id: dinum.id, proconnectSub: "dinum-bis", idpId: "test", email: dinum.email });
    const [mission] = await db.select().from(missions).where(eq(missions.state, "publiee")).limit(1);
    missionId = mission!.id;
    const [author] = await db.select().from(users).where(eq(users.id, mission!.authorId));
    demandeur = { ...dinum, id: author!.id, email: author!.email, administrationId: mission!.administrationId, roles: ["agent", "demandeur"] };
    outsider = { ...demandeur, id: "00000000-0000-4000-8000-0000000000e1", administrationId: "00000000-0000-4000-8000-0000000000e2" };
    const candidates = await db
      .select({ id: users.id, email: users.email, administrationId: users.administrationId, managerEmail: agentProfiles.managerEmail })
      .from(agentProfiles)
      .innerJoin(users, eq(users.id, agentProfiles.userId))
      .where(eq(agentProfiles.visibility, "ouvert"))
      .limit(8);
    // Two agents with different managers, neither the author.
    const pair = candidates.filter((row) => row.id !== author!.id);
    approved = pair[0]!;
    refused = pair.find((row) => row.managerEmail !== pair[0]!.managerEmail)!;
    await proposeMission(db, dinum, { missionId, agentIds: [approved.id, refused.id] });
    for (const agent of [approved, refused]) {
      const [proposal] = await listMyProposals(db, asAgent(agent));
      await respondToProposal(db, asAgent(agent), { candidateId: proposal!.candidateId, accept: true });
      if (agent === approved) approvedCandidateId = proposal!.candidateId;
    }
    const approvedManager = candidates.find((row) => row.id === approved.id)!.managerEmail;
    await decideConsent(db, await managerSignedIn(db, approved, approvedManager), { token: await mailbox.consentToken(db, approvedManager), decision: "approuve" });
    const refusedManager = candidates.find((row) => row.id === refused.id)!.managerEmail;
    await decideConsent(db, await managerSignedIn(db, refused, refusedManager), { token: await mailbox.consentToken(db, refusedManager), decision: "refuse" });
  });

  it("le demandeur ne voit rien avant l'envoi de la liste, puis seulement l'agent consenti", async () => {
    const { db } = database();
    expect((await getCandidateList(db, demandeur, missionId)).candidates).toEqual([]);
    await expect(sendCandidateList(db, demandeur, missionId)).rejects.toThrow("droits");
    await expect(getCandidateList(db, outsider, missionId)).rejects.toThrow("droits");
    await sendCandidateList(db, dinum, missionId);
    const { candidates } = await getCandidateList(db, demandeur, missionId);
    expect(candidates.map((candidate) => candidate.agentId)).toEqual([approved.id]);
    const [email] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.template, "liste-candidats"), eq(emailOutbox.toAddress, demandeur.email)));
    expect(email?.textBody).not.toContain(refused.email);
  });

  it("le demandeur choisit ; la mission démarre une seule fois", async () => {
    const { db } = database();
    await expect(selectCandidates(db, outsider, { missionId, candidateIds: [approvedCandidateId] })).rejects.toThrow();
    await selectCandidates(db, demandeur, { missionId, candidateIds: [approvedCandidateId] });
    await expect(selectCandidates(db, demandeur, { missionId, candidateIds: [approvedCandidateId] })).rejects.toThrow("déjà commencé");
    const [mission] = await db.select().from(missions).where(eq(missions.id, missionId));
    expect(mission?.state).toBe("en_cours");
  });

  it("l'agent déclare ses heures, le demandeur corrige, l'agent accepte : la mission se termine et les heures sont comptées", async () => {
    const { db } = database();
    await expect(declareHours(db, asAgent(refused), { candidateId: approvedCandidateId, hours: 10 })).rejects.toThrow();
    await declareHours(db, asAgent(approved), { candidateId: approvedCandidateId, hours: 14 });
    await expect(reviewHours(db, outsider, { candidateId: approvedCandidateId, decision: "confirmer" })).rejects.toThrow("demandeur");
    // A demandeur of the mission's administration who is the selected agent does not confirm their own hours.
    const selfReviewer: CurrentUser = { ...asAgent(approved), administrationId: demandeur.administrationId, roles: ["agent", "demandeur"] };
    await expect(reviewHours(db, selfReviewer, { candidateId: approvedCandidateId, decision: "confirmer" })).rejects.toThrow("votre propre participation");
    await expect(leaveFeedback(db, selfReviewer, { candidateId: approvedCandidateId, feedback: "Parfait", attestedSkills: ["Linux"] })).rejects.toThrow(
      "votre propre participation",
    );
    await reviewHours(db, demandeur, { candidateId: approvedCandidateId, decision: "corriger", correctedHours: 12, comment: "Deux heures comptées en trop" });
    await acceptCorrectedHours(db, asAgent(approved), { candidateId: approvedCandidateId });
    await expect(acceptCorrectedHours(db, asAgent(approved), { candidateId: approvedCandidateId })).rejects.toThrow();
    const [mission] = await db.select().from(missions).where(eq(missions.id, missionId));
    expect(mission?.state).toBe("terminee");
    const records = await db.select().from(confirmedHours).where(eq(confirmedHours.missionId, missionId));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ hours: 12, agentId: approved.id, lendingAdministrationId: approved.administrationId, borrowingAdministrationId: mission!.administrationId });
  });

  it("le demandeur laisse un retour et atteste des compétences", async () => {
    const { db } = database();
    await leaveFeedback(db, demandeur, { candidateId: approvedCandidateId, feedback: "Très efficace", attestedSkills: ["Durcissement Linux"] });
    const [candidate] = await db.select().from(missionCandidates).where(eq(missionCandidates.id, approvedCandidateId));
    expect(candidate?.attestedSkills).toEqual(["Durcissement Linux"]);
    await expect(leaveFeedback(db, outsider, { candidateId: approvedCandidateId, feedback: "x", attestedSkills: [] })).rejects.toThrow();
  });
});

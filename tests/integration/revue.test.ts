import { and, eq, inArray, like } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { resetMatchingEngine } from "@/features/appariement/engine-store";
import { applyToMission, withdrawApplication } from "@/features/candidatures/service";
import { addAgentSchema, overrideCandidateSchema } from "@/features/revue/schemas";
import {
  addAgent,
  excludeCandidate,
  getReview,
  includeCandidate,
  moveCandidate,
  overrideCandidate,
  pinCandidate,
  proposeToSelected,
  searchAgents,
  unpinCandidate,
  type ReviewCandidate,
} from "@/features/revue/service";
import { AuthorizationError, type CurrentUser } from "@/server/auth/roles";
import { seedDemoData } from "@/server/db/seed";
import { agentProfiles, applications, auditLog, missionSuggestions, missions, users } from "@/server/db/schema";
import { missionCandidates } from "@/server/db/schema-parcours";
import { DomainError } from "@/server/errors";
import { describeOnBothDatabases } from "./support/databases";

const dinum: CurrentUser = {
  id: "00000000-0000-4000-8000-0000000000d2",
  email: "revue.dinum@numerique.gouv.fr",
  givenName: "Revue",
  usualName: "DINUM",
  displayName: "Revue DINUM",
  administrationId: null,
  administrationName: null,
  roles: ["agent", "dinum"],
};

function asAgent(row: { id: string; email: string }): CurrentUser {
  return { ...dinum, id: row.id, email: row.email, roles: ["agent"] };
}

const REASON = "Profil vu en entretien";

describeOnBothDatabases("revue des candidats par la DINUM", (database) => {
  let missionId: string;
  let draftId: string;
  let suggestedApplicant: { id: string; email: string };
  let spontaneousApplicant: { id: string; email: string };
  let outsider: { id: string; email: string; givenName: string; usualName: string };

  const review = () => getReview(database().db, dinum, missionId);
  const active = (candidates: ReviewCandidate[]) => candidates.filter((candidate) => !candidate.excluded);
  const at = async (finalRank: number) => {
    const found = (await review()).candidates.find((candidate) => candidate.finalRank === finalRank);
    if (!found) throw new Error(`Aucun candidat au rang ${finalRank}`);
    return found;
  };

  beforeAll(async () => {
    resetMatchingEngine();
    const { db } = database();
    await seedDemoData(db);
    await db.insert(users).values({ id: dinum.id, proconnectSub: "revue-dinum", idpId: "test", email: dinum.email });
    const [mission] = await db.select().from(missions).where(eq(missions.state, "publiee")).limit(1);
    missionId = mission!.id;
    const [draft] = await db.select().from(missions).where(eq(missions.state, "brouillon")).limit(1);
    draftId = draft!.id;

    // Fill the engine's suggestions, then pick applicants inside and outside them.
    const suggested = (await review()).candidates.map((candidate) => candidate.agentId);
    const agents = await db
      .select({ id: users.id, email: users.email, givenName: users.givenName, usualName: users.usualName })
      .from(agentProfiles)
      .innerJoin(users, eq(users.id, agentProfiles.userId))
      .where(eq(agentProfiles.visibility, "ouvert"));
    const notSuggested = agents.filter((agent) => !suggested.includes(agent.id) && agent.id !== mission!.authorId);
    expect(notSuggested.length).toBeGreaterThanOrEqual(2);
    suggestedApplicant = agents.find((agent) => agent.id === suggested[1])!;
    spontaneousApplicant = notSuggested[0]!;
    outsider = notSuggested[1]!;
    await applyToMission(db, asAgent(suggestedApplicant), { missionId, message: "Je connais bien ce sujet et je suis disponible." });
    await applyToMission(db, asAgent(spontaneousApplicant), { missionId, message: "Je souhaite apprendre en aidant sur cette mission." });
  });

  it("réunit suggestions et candidatures spontanées sans doublon, dans l'ordre du moteur", async () => {
    const { db } = database();
    const suggestions = await db.select().from(missionSuggestions).where(eq(missionSuggestions.missionId, missionId));
    const { candidates, editable } = await review();
    expect(editable).toBe(true);
    expect(candidates).toHaveLength(suggestions.length + 1);
    expect(new Set(candidates.map((candidate) => candidate.agentId)).size).toBe(candidates.length);

    const both = candidates.find((candidate) => candidate.agentId === suggestedApplicant.id)!;
    expect(both.origin).toBe("suggestion");
    expect(both.engineRank).toBe(2);
    const spontaneous = candidates.at(-1)!;
    expect(spontaneous.agentId).toBe(spontaneousApplicant.id);
    expect(spontaneous).toMatchObject({ origin: "candidature", engineRank: null, state: "a_examiner", proposable: true });

    expect(candidates.map((candidate) => candidate.finalRank)).toEqual(candidates.map((_, index) => index + 1));
    expect(candidates.slice(0, -1).map((candidate) => candidate.engineRank)).toEqual(suggestions.map((_, index) => index + 1));
    expect(candidates[0]!.reasons.length).toBeGreaterThan(0);
    expect(candidates[0]!.hoursPerMonth).toBeGreaterThan(0);

    // Reading again adds nothing.
    await review();
    const stored = await db.select().from(missionCandidates).where(eq(missionCandidates.missionId, missionId));
    expect(stored).toHaveLength(candidates.length);
  });

  it("signale une candidature retirée, que la DINUM ne peut plus proposer, jusqu'à une nouvelle candidature", async () => {
    const { db } = database();
    const applicant = asAgent(spontaneousApplicant);
    const [application] = await db
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.missionId, missionId), eq(applications.agentId, spontaneousApplicant.id)));
    await withdrawApplication(db, applicant, { applicationId: application!.id });
    const withdrawn = (await review()).candidates.find((candidate) => candidate.agentId === spontaneousApplicant.id)!;
    expect(withdrawn).toMatchObject({ origin: "candidature", withdrawn: true, proposable: false, state: "a_examiner" });
    await expect(proposeToSelected(db, dinum, { missionId, agentIds: [spontaneousApplicant.id] })).rejects.toThrow("retiré sa candidature");

    await applyToMission(db, applicant, { missionId, message: "Finalement, je suis disponible ce trimestre." });
    const back = (await review()).candidates.find((candidate) => candidate.agentId === spontaneousApplicant.id)!;
    expect(back).toMatchObject({ withdrawn: false, proposable: true });
  });

  it("épingle en tête en gardant le rang du moteur visible, et trace la raison", async () => {
    const { db } = database();
    const third = await at(3);
    await pinCandidate(db, dinum, { missionId, candidateId: third.candidateId, reason: REASON });
    const first = await at(1);
    expect(first).toMatchObject({ candidateId: third.candidateId, pinned: true, engineRank: 3 });
    expect((await at(2)).engineRank).toBe(1);
    await expect(pinCandidate(db, dinum, { missionId, candidateId: third.candidateId, reason: REASON })).rejects.toThrow("déjà épinglé");

    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, third.candidateId), eq(auditLog.action, "revue.epinglage")));
    expect(audit).toMatchObject({ actorUserId: dinum.id, actorLabel: dinum.email, reason: REASON, entityType: "mission_candidate" });
    expect(audit!.details).toMatchObject({ missionId, agentId: third.agentId });
    expect(audit!.at).toBeInstanceOf(Date);
  });

  it("déplace d'un rang en échangeant les places, et refuse les déplacements impossibles", async () => {
    const { db } = database();
    const second = await at(2);
    const third = await at(3);
    await moveCandidate(db, dinum, { missionId, candidateId: third.candidateId, direction: "haut", reason: "Plus disponible" });
    expect((await at(2)).candidateId).toBe(third.candidateId);
    expect((await at(3)).candidateId).toBe(second.candidateId);

    const pinned = await at(1);
    await expect(moveCandidate(db, dinum, { missionId, candidateId: pinned.candidateId, direction: "haut", reason: REASON })).rejects.toThrow(
      "déjà en tête",
    );
    await expect(moveCandidate(db, dinum, { missionId, candidateId: third.candidateId, direction: "haut", reason: REASON })).rejects.toThrow(
      "épinglez-le",
    );
    const last = active((await review()).candidates).at(-1)!;
    await expect(moveCandidate(db, dinum, { missionId, candidateId: last.candidateId, direction: "bas", reason: REASON })).rejects.toThrow(
      "dernière position",
    );
    // Every later read keeps the manual order.
    const ranks = (await review()).candidates.map((candidate) => candidate.candidateId);
    expect((await review()).candidates.map((candidate) => candidate.candidateId)).toEqual(ranks);
  });

  it("exclut en fin de liste, jamais proposable ni épinglable, et réintègre", async () => {
    const { db } = database();
    const excluded = await at(4);
    await excludeCandidate(db, dinum, { missionId, candidateId: excluded.candidateId, reason: "Déjà engagé ailleurs" });
    const { candidates } = await review();
    expect(candidates.at(-1)).toMatchObject({ candidateId: excluded.candidateId, excluded: true, finalRank: null, proposable: false });
    expect(active(candidates).map((candidate) => candidate.finalRank)).toEqual(active(candidates).map((_, index) => index + 1));

    await expect(pinCandidate(db, dinum, { missionId, candidateId: excluded.candidateId, reason: REASON })).rejects.toThrow("exclu");
    await expect(moveCandidate(db, dinum, { missionId, candidateId: excluded.candidateId, direction: "haut", reason: REASON })).rejects.toThrow(
      "exclu",
    );
    await expect(proposeToSelected(db, dinum, { missionId, agentIds: [excluded.agentId] })).rejects.toThrow(DomainError);
    await expect(proposeToSelected(db, dinum, { missionId, agentIds: [excluded.agentId] })).rejects.toThrow("agent exclu");
    const [stillWaiting] = await db.select().from(missionCandidates).where(eq(missionCandidates.id, excluded.candidateId));
    expect(stillWaiting!.state).toBe("a_examiner");

    await includeCandidate(db, dinum, { missionId, candidateId: excluded.candidateId, reason: "Finalement disponible" });
    expect((await review()).candidates.find((candidate) => candidate.candidateId === excluded.candidateId)).toMatchObject({
      excluded: false,
      proposable: true,
    });
    await excludeCandidate(db, dinum, { missionId, candidateId: excluded.candidateId, reason: "Déjà engagé ailleurs" });
  });

  it("exige une raison, en français, dans le schéma comme dans le service", async () => {
    const { db } = database();
    const candidate = await at(2);
    const missing = overrideCandidateSchema.safeParse({ missionId, candidateId: candidate.candidateId, kind: "epingler" });
    expect(missing.success).toBe(false);
    expect(missing.error!.issues[0]).toMatchObject({ path: ["reason"], message: "Indiquez la raison de cette modification." });
    const tooShort = overrideCandidateSchema.safeParse({ missionId, candidateId: candidate.candidateId, kind: "exclure", reason: " a " });
    expect(tooShort.error!.issues[0]!.message).toContain("3 caractères au moins");
    const tooLong = addAgentSchema.safeParse({ missionId, agentId: outsider.id, reason: "x".repeat(501) });
    expect(tooLong.error!.issues[0]!.message).toBe("500 caractères au plus.");
    await expect(overrideCandidate(db, dinum, { missionId, candidateId: candidate.candidateId, kind: "epingler", reason: "  " })).rejects.toThrow(
      "raison",
    );
    expect((await at(2)).pinned).toBe(false);
  });

  it("trouve un agent par son nom, son courriel ou son administration et l'ajoute à la main", async () => {
    const { db } = database();
    const byName = await searchAgents(db, dinum, { missionId, query: outsider.usualName.toUpperCase() });
    expect(byName.find((agent) => agent.agentId === outsider.id)).toMatchObject({ alreadyCandidate: false });
    const byEmail = await searchAgents(db, dinum, { missionId, query: outsider.email.split("@")[0]! });
    expect(byEmail.map((agent) => agent.agentId)).toContain(outsider.id);
    expect((await searchAgents(db, dinum, { missionId, query: "gouv" })).length).toBeLessThanOrEqual(20);
    expect(await searchAgents(db, dinum, { missionId, query: "personne-de-ce-nom-%" })).toEqual([]);
    const byAdministration = await searchAgents(db, dinum, { missionId, query: "prefecture" });
    expect(byAdministration.length).toBeGreaterThan(0);

    const { candidateId } = await addAgent(db, dinum, { missionId, agentId: outsider.id, reason: "Recommandé par son réseau" });
    const { candidates } = await review();
    expect(active(candidates).at(-1)).toMatchObject({ candidateId, origin: "ajout_dinum", engineRank: null, state: "a_examiner" });
    await expect(addAgent(db, dinum, { missionId, agentId: outsider.id, reason: REASON })).rejects.toThrow("déjà dans la liste");
    expect((await searchAgents(db, dinum, { missionId, query: outsider.usualName })).find((agent) => agent.agentId === outsider.id)).toMatchObject({
      alreadyCandidate: true,
    });
    const [withoutProfile] = await db.insert(users).values({ proconnectSub: "revue-sans-profil", idpId: "test", email: "sans.profil.revue@exemple.gouv.fr" }).returning();
    await expect(addAgent(db, dinum, { missionId, agentId: withoutProfile!.id, reason: REASON })).rejects.toThrow("pas de profil");
  });

  it("propose la mission aux agents choisis, qui passent à « proposée » et ne peuvent plus être exclus", async () => {
    const { db } = database();
    const chosen = [await at(1), await at(2)];
    const result = await proposeToSelected(db, dinum, { missionId, agentIds: chosen.map((candidate) => candidate.agentId) });
    expect(result.proposed).toBe(2);
    const rows = await db.select().from(missionCandidates).where(inArray(missionCandidates.id, chosen.map((candidate) => candidate.candidateId)));
    expect(rows.map((row) => row.state)).toEqual(["proposee", "proposee"]);
    const { candidates } = await review();
    expect(candidates.filter((candidate) => candidate.state === "proposee").map((candidate) => candidate.candidateId).sort()).toEqual(
      chosen.map((candidate) => candidate.candidateId).sort(),
    );
    expect(candidates.find((candidate) => candidate.candidateId === chosen[0]!.candidateId)!.proposable).toBe(false);
    await expect(excludeCandidate(db, dinum, { missionId, candidateId: chosen[1]!.candidateId, reason: REASON })).rejects.toThrow(
      "déjà été proposée",
    );
    // A replay proposes nothing twice.
    expect((await proposeToSelected(db, dinum, { missionId, agentIds: [chosen[0]!.agentId] })).proposed).toBe(0);
    await expect(proposeToSelected(db, dinum, { missionId, agentIds: ["00000000-0000-4000-8000-00000000beef"] })).rejects.toThrow("pas dans la liste");
  });

  it("trace chaque modification avec qui, quoi et pourquoi", async () => {
    const { db } = database();
    const entries = await db.select().from(auditLog).where(like(auditLog.action, "revue.%"));
    expect(new Set(entries.map((entry) => entry.action))).toEqual(
      new Set(["revue.epinglage", "revue.deplacement", "revue.exclusion", "revue.reintegration", "revue.ajout"]),
    );
    expect(entries.every((entry) => entry.actorUserId === dinum.id && entry.reason && entry.reason.length >= 3)).toBe(true);
    // A move numbers every agent of the list: from then on, DINUM's order is the hand-made one.
    const listed = (await review()).candidates.filter((row) => !row.excluded);
    await moveCandidate(db, dinum, { missionId, candidateId: listed.at(-1)!.candidateId, direction: "haut", reason: "Disponible plus tôt" });
    const candidate = await at(3);
    await pinCandidate(db, dinum, { missionId, candidateId: candidate.candidateId, reason: "Temporaire" });
    await unpinCandidate(db, dinum, { missionId, candidateId: candidate.candidateId, reason: "Erreur de clic" });
    // Unpinned, the agent goes back where the engine's order puts them among the others, not to the
    // end of the list DINUM ordered by hand.
    const active = (await review()).candidates.filter((row) => !row.excluded);
    const index = active.findIndex((row) => row.candidateId === candidate.candidateId);
    expect(candidate.engineRank).not.toBeNull();
    expect(index).toBeLessThan(active.length - 1);
    const next = active[index + 1]!;
    expect(next.engineRank === null || next.engineRank > candidate.engineRank!).toBe(true);
    const [unpinned] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, candidate.candidateId), eq(auditLog.action, "revue.desepinglage")));
    expect(unpinned!.reason).toBe("Erreur de clic");
  });

  it("ne modifie la liste que d'une mission publiée", async () => {
    const { db } = database();
    const draftReview = await getReview(db, dinum, draftId);
    expect(draftReview.editable).toBe(false);
    await expect(addAgent(db, dinum, { missionId: draftId, agentId: outsider.id, reason: REASON })).rejects.toThrow("publiée");
    await expect(proposeToSelected(db, dinum, { missionId: draftId, agentIds: [outsider.id] })).rejects.toThrow("publiée");
    const candidate = await at(2);
    await expect(pinCandidate(db, dinum, { missionId: draftId, candidateId: candidate.candidateId, reason: REASON })).rejects.toThrow("publiée");
  });

  it("refuse chaque fonction à qui n'est pas de la DINUM", async () => {
    const { db } = database();
    const agent = asAgent(spontaneousApplicant);
    const candidate = await at(3);
    const input = { missionId, candidateId: candidate.candidateId, reason: REASON };
    const attempts = [
      () => getReview(db, agent, missionId),
      () => pinCandidate(db, agent, input),
      () => unpinCandidate(db, agent, input),
      () => excludeCandidate(db, agent, input),
      () => includeCandidate(db, agent, input),
      () => moveCandidate(db, agent, { ...input, direction: "bas" }),
      () => overrideCandidate(db, agent, { ...input, kind: "monter" }),
      () => searchAgents(db, agent, { missionId, query: "camille" }),
      () => addAgent(db, agent, { missionId, agentId: agent.id, reason: REASON }),
      () => proposeToSelected(db, agent, { missionId, agentIds: [candidate.agentId] }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toThrow(AuthorizationError);
    const demandeur: CurrentUser = { ...agent, roles: ["agent", "demandeur"] };
    await expect(getReview(db, demandeur, missionId)).rejects.toThrow(AuthorizationError);
  });
});

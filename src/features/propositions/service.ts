import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { auditActor, recordAudit } from "@/server/audit";
import { assertRole, AuthorizationError, type CurrentUser } from "@/server/auth/roles";
import type { Executor } from "@/server/db/client";
import { administrations, agentProfiles, applications, missionSuggestions, missions, users } from "@/server/db/schema";
import { missionCandidates } from "@/server/db/schema-parcours";
import { serverEnv } from "@/server/env";
import { DomainError, NotFoundError } from "@/server/errors";
import { enqueueEmail } from "@/server/mail/outbox";
import { notify, notifyDinum } from "@/features/notifications/service";
import { openConsentRequest } from "@/features/consentements/service";

/** Where an agent came from for this mission: the engine first, then their own application. */
async function originOf(executor: Executor, missionId: string, agentId: string) {
  const [suggested] = await executor
    .select({ rank: missionSuggestions.engineRank, score: missionSuggestions.score, reasons: missionSuggestions.reasons })
    .from(missionSuggestions)
    .where(and(eq(missionSuggestions.missionId, missionId), eq(missionSuggestions.agentId, agentId)));
  if (suggested) return { origin: "suggestion", engineRank: suggested.rank, engineScore: suggested.score, reasons: suggested.reasons };
  const [applied] = await executor
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.missionId, missionId), eq(applications.agentId, agentId), eq(applications.state, "active")));
  return { origin: applied ? "candidature" : "ajout_dinum", engineRank: null, engineScore: null, reasons: [] };
}

/**
 * DINUM proposes a published mission to chosen agents. An agent already proposed is left as is,
 * so a double click proposes once.
 */
export async function proposeMission(executor: Executor, actor: CurrentUser, input: { missionId: string; agentIds: string[] }) {
  assertRole(actor, "dinum");
  return executor.transaction(async (tx) => {
    const [mission] = await tx
      .select({ id: missions.id, title: missions.title, state: missions.state, administration: administrations.name })
      .from(missions)
      .innerJoin(administrations, eq(administrations.id, missions.administrationId))
      .where(eq(missions.id, input.missionId));
    if (!mission) throw new NotFoundError("Mission");
    if (mission.state !== "publiee") throw new DomainError("Seule une mission publiée peut être proposée à des agents.");
    const agents = await tx
      .select({ id: users.id, email: users.email, givenName: users.givenName, visibility: agentProfiles.visibility })
      .from(users)
      .innerJoin(agentProfiles, eq(agentProfiles.userId, users.id))
      .where(inArray(users.id, input.agentIds));
    if (agents.length !== new Set(input.agentIds).size) throw new DomainError("Un des agents choisis n'a pas de profil.");
    const excluded = await tx
      .select({ agentId: missionCandidates.agentId })
      .from(missionCandidates)
      .where(and(eq(missionCandidates.missionId, mission.id), inArray(missionCandidates.agentId, input.agentIds), eq(missionCandidates.excluded, true)));
    if (excluded.length) throw new DomainError("Un agent exclu de la liste ne peut pas recevoir la proposition : réintégrez-le d'abord.");
    let proposed = 0;
    for (const agent of agents) {
      const origin = await originOf(tx, mission.id, agent.id);
      await tx
        .insert(missionCandidates)
        .values({ missionId: mission.id, agentId: agent.id, ...origin })
        .onConflictDoNothing({ target: [missionCandidates.missionId, missionCandidates.agentId] });
      const [candidate] = await tx
        .update(missionCandidates)
        .set({ state: "proposee", proposedAt: new Date(), updatedAt: new Date() })
        .where(and(eq(missionCandidates.missionId, mission.id), eq(missionCandidates.agentId, agent.id), eq(missionCandidates.state, "a_examiner")))
        .returning({ id: missionCandidates.id });
      if (!candidate) continue;
      proposed += 1;
      await notify(tx, agent.id, {
        title: `Une mission vous est proposée : ${mission.title}`,
        body: `${mission.administration} aimerait votre aide. Acceptez ou déclinez depuis vos propositions.`,
        link: "/agent/propositions",
      });
      await enqueueEmail(tx, {
        to: agent.email,
        template: "proposition",
        subject: `Une mission vous est proposée : ${mission.title}`,
        greeting: `Bonjour ${agent.givenName},`,
        paragraphs: [
          `L'équipe Mission Talents de la DINUM vous propose une mission de ${mission.administration} : « ${mission.title} ».`,
          "Si vous acceptez, nous demanderons l'accord de votre manager avant tout engagement.",
        ],
        action: { label: "Voir la proposition", url: `${serverEnv().APP_URL}/agent/propositions` },
        context: { missionId: mission.id, candidateId: candidate.id },
      });
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: "proposition.envoyee",
        entityType: "mission_candidate",
        entityId: candidate.id,
        details: { missionId: mission.id, agentId: agent.id },
      });
    }
    return { proposed };
  });
}

/** The agent's answer to a proposal; acceptance asks the manager's consent in the same transaction. */
export async function respondToProposal(
  executor: Executor,
  actor: CurrentUser,
  input: { candidateId: string; accept: boolean; reason?: string },
) {
  return executor.transaction(async (tx) => {
    const [candidate] = await tx.select().from(missionCandidates).where(eq(missionCandidates.id, input.candidateId));
    if (!candidate) throw new NotFoundError("Proposition");
    if (candidate.agentId !== actor.id) throw new AuthorizationError("Cette proposition ne vous est pas adressée.");
    const [updated] = await tx
      .update(missionCandidates)
      .set({
        state: input.accept ? "acceptee" : "declinee",
        respondedAt: new Date(),
        declineReason: input.accept ? null : input.reason?.trim() || null,
        updatedAt: new Date(),
      })
      .where(and(eq(missionCandidates.id, candidate.id), eq(missionCandidates.state, "proposee")))
      .returning({ id: missionCandidates.id });
    if (!updated) throw new DomainError("Vous avez déjà répondu à cette proposition.");
    if (input.accept) await openConsentRequest(tx, candidate.id);
    await notifyDinum(tx, {
      title: input.accept ? "Un agent a accepté une proposition" : "Un agent a décliné une proposition",
      body: input.accept ? "La demande d'accord est partie chez son manager." : input.reason?.trim() ?? "",
      link: `/missions/${candidate.missionId}`,
    });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: input.accept ? "proposition.acceptee" : "proposition.declinee",
      entityType: "mission_candidate",
      entityId: candidate.id,
      reason: input.accept ? null : input.reason?.trim() || null,
    });
    return { state: input.accept ? "acceptee" : "declinee" };
  });
}

/** The signed-in agent's proposals, newest first. */
export async function listMyProposals(executor: Executor, actor: CurrentUser) {
  return executor
    .select({
      candidateId: missionCandidates.id,
      state: missionCandidates.state,
      proposedAt: missionCandidates.proposedAt,
      missionId: missions.id,
      missionTitle: missions.title,
      administration: administrations.name,
      totalHours: missions.totalHours,
      startDate: missions.startDate,
      endDate: missions.endDate,
      missionState: missions.state,
      hoursState: missionCandidates.hoursState,
      declaredHours: missionCandidates.declaredHours,
      confirmedHours: missionCandidates.confirmedHours,
      hoursComment: missionCandidates.hoursComment,
      feedback: missionCandidates.feedback,
      attestedSkills: missionCandidates.attestedSkills,
    })
    .from(missionCandidates)
    .innerJoin(missions, eq(missions.id, missionCandidates.missionId))
    .innerJoin(administrations, eq(administrations.id, missions.administrationId))
    .where(and(eq(missionCandidates.agentId, actor.id), inArray(missionCandidates.state, ["proposee", "acceptee", "declinee", "consentie", "refusee_manager", "selectionnee", "non_retenue"])))
    .orderBy(desc(missionCandidates.proposedAt));
}

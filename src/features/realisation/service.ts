import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import { auditActor, recordAudit } from "@/server/audit";
import { AuthorizationError, type CurrentUser } from "@/server/auth/roles";
import type { Executor, Transaction } from "@/server/db/client";
import { missions, users } from "@/server/db/schema";
import { confirmedHours, missionCandidates } from "@/server/db/schema-parcours";
import { DomainError, NotFoundError } from "@/server/errors";
import { postConfirmedHours } from "@/features/compensation/service";
import { notify } from "@/features/notifications/service";
import { actorsOf, loadMission } from "@/features/missions/service";
import { nextState } from "@/features/missions/transitions";

/** A selected agent's participation and its mission; hours need the mission to be running. */
async function loadParticipation(tx: Transaction, candidateId: string, options: { running: boolean } = { running: true }) {
  const [candidate] = await tx.select().from(missionCandidates).where(eq(missionCandidates.id, candidateId));
  if (!candidate || candidate.state !== "selectionnee") throw new NotFoundError("Participation");
  const mission = await loadMission(tx, candidate.missionId);
  if (options.running && mission.state !== "en_cours") throw new DomainError("Les heures se déclarent sur une mission en cours.");
  return { candidate, mission };
}

/**
 * Only a demandeur of the mission's administration confirms hours or attests skills, and never for
 * their own participation (a colleague of the same administration may be the selected agent).
 */
function requireReviewerOf(actor: CurrentUser, mission: Parameters<typeof actorsOf>[1], candidate: { agentId: string }, message?: string) {
  if (!actorsOf(actor, mission).includes("demandeur")) throw new AuthorizationError(message);
  if (candidate.agentId === actor.id) throw new AuthorizationError("Vous ne pouvez pas confirmer votre propre participation : un autre demandeur de votre administration s'en charge.");
}

/** The agent declares the hours spent (again, as long as the demandeur has not confirmed them). */
export async function declareHours(executor: Executor, actor: CurrentUser, input: { candidateId: string; hours: number }) {
  return executor.transaction(async (tx) => {
    const { candidate, mission } = await loadParticipation(tx, input.candidateId);
    if (candidate.agentId !== actor.id) throw new AuthorizationError("Vous ne pouvez déclarer que vos propres heures.");
    const [updated] = await tx
      .update(missionCandidates)
      .set({ hoursState: "declarees", declaredHours: input.hours, hoursComment: null, updatedAt: new Date() })
      .where(and(eq(missionCandidates.id, candidate.id), inArray(missionCandidates.hoursState, ["a_declarer", "declarees"])))
      .returning({ id: missionCandidates.id });
    if (!updated) throw new DomainError("Ces heures sont déjà en cours de confirmation : rien n'a été modifié.");
    await notify(tx, mission.authorId, {
      title: `Heures déclarées : ${mission.title}`,
      body: `${actor.displayName} déclare ${input.hours} h. Confirmez-les ou corrigez-les.`,
      link: `/demandeur/missions/${mission.id}/candidats`,
    });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "heures.declarees",
      entityType: "mission_candidate",
      entityId: candidate.id,
      details: { heures: input.hours },
    });
  });
}

/** The demandeur confirms the declared hours, or corrects them (the agent then has to agree). */
export async function reviewHours(
  executor: Executor,
  actor: CurrentUser,
  input: { candidateId: string; decision: "confirmer" | "corriger"; correctedHours?: number; comment?: string },
) {
  return executor.transaction(async (tx) => {
    const { candidate, mission } = await loadParticipation(tx, input.candidateId);
    requireReviewerOf(actor, mission, candidate, "Seul un demandeur de l'administration de la mission confirme les heures.");
    if (candidate.hoursState !== "declarees" || candidate.declaredHours === null) throw new DomainError("Il n'y a pas d'heures déclarées à confirmer.");
    if (input.decision === "confirmer") {
      await confirm(tx, actor.email, candidate.id, candidate.declaredHours, mission);
      await notify(tx, candidate.agentId, { title: `Vos heures sont confirmées : ${mission.title}`, body: `${candidate.declaredHours} h`, link: "/agent/propositions" });
    } else {
      if (!input.correctedHours) throw new DomainError("Indiquez le nombre d'heures corrigé.", { correctedHours: ["Indiquez le nombre d'heures corrigé."] });
      await tx
        .update(missionCandidates)
        .set({ hoursState: "corrigees", confirmedHours: input.correctedHours, hoursComment: input.comment?.trim() || null, updatedAt: new Date() })
        .where(and(eq(missionCandidates.id, candidate.id), eq(missionCandidates.hoursState, "declarees")));
      await notify(tx, candidate.agentId, {
        title: `Heures corrigées par l'administration : ${mission.title}`,
        body: `${input.correctedHours} h proposées au lieu de ${candidate.declaredHours} h. ${input.comment ?? ""}`.trim(),
        link: "/agent/propositions",
      });
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: "heures.corrigees",
        entityType: "mission_candidate",
        entityId: candidate.id,
        reason: input.comment ?? null,
        details: { declarees: candidate.declaredHours, corrigees: input.correctedHours },
      });
    }
    await finishWhenAllConfirmed(tx, mission.id, actor.email);
  });
}

/** The agent agrees with the demandeur's correction. */
export async function acceptCorrectedHours(executor: Executor, actor: CurrentUser, input: { candidateId: string }) {
  return executor.transaction(async (tx) => {
    const { candidate, mission } = await loadParticipation(tx, input.candidateId);
    if (candidate.agentId !== actor.id) throw new AuthorizationError("Cette correction ne vous concerne pas.");
    if (candidate.hoursState !== "corrigees" || candidate.confirmedHours === null) throw new DomainError("Il n'y a pas de correction à accepter.");
    await confirm(tx, actor.email, candidate.id, candidate.confirmedHours, mission);
    await notify(tx, mission.authorId, { title: `Heures confirmées : ${mission.title}`, body: `${actor.displayName} accepte ${candidate.confirmedHours} h.`, link: `/demandeur/missions/${mission.id}/candidats` });
    await finishWhenAllConfirmed(tx, mission.id, actor.email);
  });
}

/** Confirmed by both sides: recorded once per participation, between the lending and borrowing administrations. */
async function confirm(tx: Transaction, actorLabel: string, candidateId: string, hours: number, mission: { administrationId: string; title: string }) {
  const [row] = await tx
    .update(missionCandidates)
    .set({ hoursState: "confirmees", confirmedHours: hours, updatedAt: new Date() })
    .where(and(eq(missionCandidates.id, candidateId), inArray(missionCandidates.hoursState, ["declarees", "corrigees"])))
    .returning({ missionId: missionCandidates.missionId, agentId: missionCandidates.agentId });
  if (!row) throw new DomainError("Ces heures sont déjà confirmées.");
  const [agent] = await tx.select({ administrationId: users.administrationId }).from(users).where(eq(users.id, row.agentId));
  const [record] = await tx
    .insert(confirmedHours)
    .values({
      candidateId,
      missionId: row.missionId,
      agentId: row.agentId,
      lendingAdministrationId: agent?.administrationId ?? null,
      borrowingAdministrationId: mission.administrationId,
      hours,
    })
    .returning();
  // Posted in the same transaction: confirmed hours and their compensation land together or not at all.
  await postConfirmedHours(tx, record!, mission.title);
  await recordAudit(tx, {
    actor: { userId: null, label: actorLabel },
    action: "heures.confirmees",
    entityType: "mission_candidate",
    entityId: candidateId,
    details: { heures: hours },
  });
}

/** The mission ends when every selected agent's hours are confirmed by both sides. */
async function finishWhenAllConfirmed(tx: Transaction, missionId: string, actorLabel: string) {
  const [pending] = await tx
    .select({ id: missionCandidates.id })
    .from(missionCandidates)
    .where(and(eq(missionCandidates.missionId, missionId), eq(missionCandidates.state, "selectionnee"), ne(missionCandidates.hoursState, "confirmees")))
    .limit(1);
  if (pending) return;
  nextState("terminer", "en_cours");
  const [finished] = await tx
    .update(missions)
    .set({ state: "terminee", finishedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(missions.id, missionId), eq(missions.state, "en_cours")))
    .returning({ id: missions.id });
  if (finished) {
    await recordAudit(tx, { actor: { userId: null, label: actorLabel }, action: "mission.terminee", entityType: "mission", entityId: missionId, details: { de: "en_cours", vers: "terminee" } });
  }
}

/** The demandeur's short feedback on an agent and the skills they attest. */
export async function leaveFeedback(executor: Executor, actor: CurrentUser, input: { candidateId: string; feedback: string; attestedSkills: string[] }) {
  return executor.transaction(async (tx) => {
    const { candidate, mission } = await loadParticipation(tx, input.candidateId, { running: false });
    requireReviewerOf(actor, mission, candidate);
    await tx
      .update(missionCandidates)
      .set({ feedback: input.feedback.trim() || null, attestedSkills: input.attestedSkills, updatedAt: new Date() })
      .where(eq(missionCandidates.id, candidate.id));
    await notify(tx, candidate.agentId, { title: `Un retour sur votre mission : ${mission.title}`, body: input.feedback.trim(), link: "/agent/propositions" });
  });
}

import "server-only";
import { plural } from "@/lib/format-fr";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { reasonsAsText } from "@/lib/matching/fit";
import { auditActor, recordAudit } from "@/server/audit";
import { assertRole, AuthorizationError, hasRole, type CurrentUser } from "@/server/auth/roles";
import type { Executor } from "@/server/db/client";
import { administrations, missions, users } from "@/server/db/schema";
import { missionCandidates } from "@/server/db/schema-parcours";
import { serverEnv } from "@/server/env";
import { DomainError } from "@/server/errors";
import { enqueueEmail } from "@/server/mail/outbox";
import { notify, notifyDinum } from "@/features/notifications/service";
import { actorsOf, applyTransition, loadMission } from "@/features/missions/service";
import { nextState } from "@/features/missions/transitions";

/** Candidates whose manager consented, and what became of them afterwards. */
const CONSENTED_STATES = ["consentie", "selectionnee", "non_retenue"];

/** DINUM's final order: pinned first, then the manual order, then the engine's rank. */
const finalOrder = [
  desc(missionCandidates.pinned),
  sql`${missionCandidates.finalPosition} asc nulls last`,
  sql`${missionCandidates.engineRank} asc nulls last`,
  asc(missionCandidates.createdAt),
];

function consentedCandidatesQuery(executor: Executor, missionId: string) {
  return executor
    .select({
      candidateId: missionCandidates.id,
      agentId: users.id,
      givenName: users.givenName,
      usualName: users.usualName,
      email: users.email,
      administration: administrations.name,
      reasons: missionCandidates.reasons,
      state: missionCandidates.state,
      hoursState: missionCandidates.hoursState,
      declaredHours: missionCandidates.declaredHours,
      confirmedHours: missionCandidates.confirmedHours,
      hoursComment: missionCandidates.hoursComment,
      feedback: missionCandidates.feedback,
      attestedSkills: missionCandidates.attestedSkills,
    })
    .from(missionCandidates)
    .innerJoin(users, eq(users.id, missionCandidates.agentId))
    .leftJoin(administrations, eq(administrations.id, users.administrationId))
    .where(
      and(
        eq(missionCandidates.missionId, missionId),
        // A deleted account's participation with confirmed hours stays for the ledger, unlisted.
        isNull(users.deletedAt),
        inArray(missionCandidates.state, CONSENTED_STATES),
        eq(missionCandidates.excluded, false),
      ),
    )
    .orderBy(...finalOrder);
}

/** DINUM sends the ranked list of consented candidates to the demandeur, by email and on a page. */
export async function sendCandidateList(executor: Executor, actor: CurrentUser, missionId: string) {
  assertRole(actor, "dinum");
  return executor.transaction(async (tx) => {
    const mission = await loadMission(tx, missionId);
    if (mission.state !== "publiee") throw new DomainError("La liste ne peut être envoyée que pour une mission publiée, avant la sélection.");
    const consented = await consentedCandidatesQuery(tx, missionId);
    if (!consented.length) throw new DomainError("Aucun candidat n'a encore l'accord de son manager : il n'y a rien à envoyer.");
    await tx.update(missions).set({ listSentAt: new Date(), updatedAt: new Date() }).where(eq(missions.id, missionId));
    const [author] = await tx.select({ id: users.id, email: users.email, givenName: users.givenName }).from(users).where(eq(users.id, mission.authorId));
    const link = `/demandeur/missions/${missionId}/candidats`;
    if (author) {
      await notify(tx, author.id, { title: `Candidats disponibles : ${mission.title}`, body: `${plural(consented.length, "agent volontaire", "agents volontaires")}, avec l'accord de leur manager.`, link });
      await enqueueEmail(tx, {
        to: author.email,
        template: "liste-candidats",
        subject: `${plural(consented.length, "candidat", "candidats")} pour votre mission « ${mission.title} »`,
        greeting: `Bonjour ${author.givenName},`,
        paragraphs: [
          `Voici les agents volontaires pour votre mission, classés par pertinence. Chacun a l'accord de son manager.`,
          ...consented.map(
            (candidate, index) =>
              `${index + 1}. ${candidate.givenName} ${candidate.usualName} (${candidate.administration ?? "administration non renseignée"}) — ${reasonsAsText(candidate.reasons, 2)}`,
          ),
          "Choisissez sur la page de la mission le ou les agents que vous retenez ; les autres en seront informés avec nos remerciements.",
        ],
        action: { label: "Voir les candidats et choisir", url: `${serverEnv().APP_URL}${link}` },
        context: { missionId },
      });
    }
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "liste.envoyee",
      entityType: "mission",
      entityId: missionId,
      details: { candidats: consented.map((candidate) => candidate.agentId) },
    });
    return { sent: consented.length };
  });
}

/**
 * The demandeur's page: only consented candidates, in final order, once DINUM sent the list.
 * A candidate without consent never appears, so none of their data reaches the demandeur.
 */
export async function getCandidateList(executor: Executor, actor: CurrentUser, missionId: string) {
  const mission = await loadMission(executor, missionId);
  const isDinum = hasRole(actor, "dinum");
  if (!isDinum && !actorsOf(actor, mission).includes("demandeur")) throw new AuthorizationError();
  if (!mission.listSentAt && !isDinum) return { mission, candidates: [] };
  return { mission, candidates: await consentedCandidatesQuery(executor, missionId) };
}

/** The demandeur retains one or more candidates; the mission starts, the others are told kindly. */
export async function selectCandidates(executor: Executor, actor: CurrentUser, input: { missionId: string; candidateIds: string[] }) {
  return executor.transaction(async (tx) => {
    const mission = await loadMission(tx, input.missionId);
    if (!actorsOf(actor, mission).includes("demandeur")) throw new AuthorizationError("Seuls les demandeurs de l'administration de la mission choisissent les candidats.");
    nextState("demarrer", mission.state);
    if (!mission.listSentAt) throw new DomainError("La liste des candidats n'a pas encore été envoyée.");
    const consented = await tx
      .select({ id: missionCandidates.id, agentId: missionCandidates.agentId, email: users.email, givenName: users.givenName })
      .from(missionCandidates)
      .innerJoin(users, eq(users.id, missionCandidates.agentId))
      .where(and(eq(missionCandidates.missionId, mission.id), eq(missionCandidates.state, "consentie"), eq(missionCandidates.excluded, false)));
    const chosen = new Set(input.candidateIds);
    if (!consented.some((candidate) => chosen.has(candidate.id)) || input.candidateIds.some((id) => !consented.some((candidate) => candidate.id === id))) {
      throw new DomainError("Choisissez parmi les candidats de la liste.", { candidateIds: ["Choisissez au moins un candidat de la liste."] });
    }
    // Starting the mission is the guard: a second submission finds it en_cours and is refused.
    await applyTransition(tx, actor, mission, "demarrer", { startedAt: new Date() });
    const now = new Date();
    for (const candidate of consented) {
      const selected = chosen.has(candidate.id);
      await tx
        .update(missionCandidates)
        .set(selected ? { state: "selectionnee", selectedAt: now, hoursState: "a_declarer", updatedAt: now } : { state: "non_retenue", updatedAt: now })
        .where(and(eq(missionCandidates.id, candidate.id), eq(missionCandidates.state, "consentie")));
      await notify(tx, candidate.agentId, {
        title: selected ? `Votre candidature est retenue pour la mission « ${mission.title} »` : `Mission « ${mission.title} » : merci pour votre proposition`,
        body: selected ? "L'administration vous contactera pour démarrer." : "L'administration a retenu un autre profil cette fois-ci.",
        link: "/agent/propositions",
      });
      await enqueueEmail(tx, {
        to: candidate.email,
        template: selected ? "candidat-retenu" : "candidat-non-retenu",
        subject: selected ? `Candidature retenue : ${mission.title}` : `Merci pour votre disponibilité : ${mission.title}`,
        greeting: `Bonjour ${candidate.givenName},`,
        paragraphs: selected
          ? [
              `${mission.administrationName} a retenu votre candidature pour la mission « ${mission.title} ». Elle vous contactera pour convenir du démarrage.`,
              "À la fin de la mission, déclarez vos heures dans l'application : elles seront confirmées par l'administration et comptées pour votre administration.",
            ]
          : [
              `${mission.administrationName} a retenu un autre profil pour la mission « ${mission.title} ».`,
              "Merci sincèrement pour votre disponibilité et l'accord obtenu auprès de votre manager : d'autres missions vous correspondront, et nous vous les proposerons.",
            ],
        action: { label: "Voir mes propositions", url: `${serverEnv().APP_URL}/agent/propositions` },
        context: { missionId: mission.id, candidateId: candidate.id },
      });
    }
    await notifyDinum(tx, { title: `Candidats choisis : ${mission.title}`, body: "La mission est en cours.", link: `/missions/${mission.id}` });
    return { selected: chosen.size };
  });
}


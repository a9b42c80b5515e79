import "server-only";
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, notInArray, or, sql, type SQL } from "drizzle-orm";
import { badgesOf } from "@/features/reconnaissance/service";
import { notify, notifyDinum } from "@/features/notifications/service";
import type { CurrentUser } from "@/server/auth/roles";
import type { Executor } from "@/server/db/client";
import { administrations, agentProfiles, applications, auditLog, missions, missionSuggestions, users } from "@/server/db/schema";
import { eventInvitations } from "@/server/db/schema-compensation";
import { emailOutbox, notifications } from "@/server/db/schema-messagerie";
import { userSessions } from "@/server/db/schema-sessions";
import { confirmedHours, consentRequests, missionCandidates } from "@/server/db/schema-parcours";
import { serverEnv } from "@/server/env";
import { enqueueEmail } from "@/server/mail/outbox";
import { DomainError } from "@/server/errors";

/** Version of the JSON export's shape, so that a reader knows what it parses. */
export const EXPORT_FORMAT = "partagez-vos-talents/donnees-personnelles/v1";

/**
 * Links that carry a secret (a consent token, any long random path segment) are replaced: an
 * export is a file that travels, and nothing in it may let its reader act for someone.
 */
const TOKEN_IN_URL = /(https?:\/\/[^\s"<>]*?\/)([A-Za-z0-9_-]{24,})(?=[/?#\s"<>]|$)/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function withoutUsableLinks(text: string): string {
  // A page's id (a UUID) opens nothing by itself: those links stay.
  return text.replace(TOKEN_IN_URL, (link: string, prefix: string, segment: string) => (UUID.test(segment) ? link : `${prefix}[lien retiré]`));
}

/** Audit entries about a person: they acted, or the entry names them, their profile or their participations. */
function auditAbout(userId: string, email: string, candidateIds: string[]) {
  return or(
    eq(auditLog.actorUserId, userId),
    and(inArray(auditLog.entityType, ["user", "agent_profile"]), eq(auditLog.entityId, userId)),
    candidateIds.length ? and(eq(auditLog.entityType, "mission_candidate"), inArray(auditLog.entityId, candidateIds)) : undefined,
    sql`${auditLog.details}::text like ${`%${userId}%`}`,
    sql`${auditLog.details}::text like ${`%${email}%`}`,
  );
}

/**
 * Everything held about the signed-in person, for their download and their summary page.
 * The person is always the session's user: there is no parameter to ask for someone else.
 */
export async function exportPersonalData(executor: Executor, actor: CurrentUser) {
  const userId = actor.id;
  const [account] = await executor
    .select({
      email: users.email,
      givenName: users.givenName,
      usualName: users.usualName,
      siret: users.siret,
      organizationalUnit: users.organizationalUnit,
      administration: administrations.name,
      administrationCorrected: users.administrationCorrected,
      roles: users.roles,
      createdAt: users.createdAt,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .leftJoin(administrations, eq(administrations.id, users.administrationId))
    .where(and(eq(users.id, userId), isNull(users.deletedAt)));
  if (!account) throw new DomainError("Ce compte n'existe plus.");

  const [profile] = await executor.select().from(agentProfiles).where(eq(agentProfiles.userId, userId));
  const myApplications = await executor
    .select({
      mission: missions.title,
      missionId: missions.id,
      message: applications.message,
      state: applications.state,
      createdAt: applications.createdAt,
      withdrawnAt: applications.withdrawnAt,
    })
    .from(applications)
    .innerJoin(missions, eq(missions.id, applications.missionId))
    .where(eq(applications.agentId, userId))
    .orderBy(desc(applications.createdAt));
  const participations = await executor
    .select({
      id: missionCandidates.id,
      mission: missions.title,
      missionId: missions.id,
      origin: missionCandidates.origin,
      state: missionCandidates.state,
      reasons: missionCandidates.reasons,
      proposedAt: missionCandidates.proposedAt,
      respondedAt: missionCandidates.respondedAt,
      declineReason: missionCandidates.declineReason,
      selectedAt: missionCandidates.selectedAt,
      hoursState: missionCandidates.hoursState,
      declaredHours: missionCandidates.declaredHours,
      confirmedHours: missionCandidates.confirmedHours,
      hoursComment: missionCandidates.hoursComment,
      feedback: missionCandidates.feedback,
      attestedSkills: missionCandidates.attestedSkills,
      createdAt: missionCandidates.createdAt,
    })
    .from(missionCandidates)
    .innerJoin(missions, eq(missions.id, missionCandidates.missionId))
    .where(eq(missionCandidates.agentId, userId))
    .orderBy(desc(missionCandidates.createdAt));
  const candidateIds = participations.map((row) => row.id);
  const consents = candidateIds.length
    ? await executor
        .select({
          mission: missions.title,
          managerName: consentRequests.managerName,
          managerEmail: consentRequests.managerEmail,
          decision: consentRequests.decision,
          decisionComment: consentRequests.decisionComment,
          decidedAt: consentRequests.decidedAt,
          expiresAt: consentRequests.expiresAt,
          supersededAt: consentRequests.supersededAt,
          createdAt: consentRequests.createdAt,
        })
        .from(consentRequests)
        .innerJoin(missionCandidates, eq(missionCandidates.id, consentRequests.candidateId))
        .innerJoin(missions, eq(missions.id, missionCandidates.missionId))
        .where(inArray(consentRequests.candidateId, candidateIds))
        .orderBy(asc(consentRequests.createdAt))
    : [];
  const hours = await executor
    .select({ mission: missions.title, hours: confirmedHours.hours, confirmedAt: confirmedHours.confirmedAt })
    .from(confirmedHours)
    .innerJoin(missions, eq(missions.id, confirmedHours.missionId))
    .where(eq(confirmedHours.agentId, userId))
    .orderBy(asc(confirmedHours.confirmedAt));
  const badges = await badgesOf(executor, actor, userId);
  const myNotifications = await executor
    .select({ title: notifications.title, body: notifications.body, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt));
  const emails = await executor
    .select({ subject: emailOutbox.subject, text: emailOutbox.textBody, status: emailOutbox.status, createdAt: emailOutbox.createdAt, sentAt: emailOutbox.sentAt })
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, account.email))
    .orderBy(desc(emailOutbox.createdAt));
  const invitations = await executor
    .select({ eventName: eventInvitations.eventName, eventDate: eventInvitations.eventDate, createdAt: eventInvitations.createdAt })
    .from(eventInvitations)
    .where(eq(eventInvitations.userId, userId));
  const authoredMissions = await executor
    .select({ id: missions.id, title: missions.title, state: missions.state, createdAt: missions.createdAt })
    .from(missions)
    .where(eq(missions.authorId, userId))
    .orderBy(desc(missions.createdAt));
  const audit = await executor
    .select({ at: auditLog.at, actor: auditLog.actorLabel, action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId, reason: auditLog.reason, details: auditLog.details })
    .from(auditLog)
    .where(auditAbout(userId, account.email, candidateIds))
    .orderBy(asc(auditLog.at));

  const env = serverEnv();
  return {
    format: EXPORT_FORMAT,
    generatedAt: new Date().toISOString(),
    controller: { name: env.LEGAL_CONTROLLER_NAME, dpo: env.LEGAL_DPO_EMAIL },
    account: { id: userId, ...account },
    profile: profile
      ? {
          presentation: profile.presentation,
          skills: profile.skills,
          availability: {
            hoursPerMonth: profile.hoursPerMonth,
            rhythm: profile.rhythm,
            availableFrom: profile.availableFrom,
            availableUntil: profile.availableUntil,
            workMode: profile.workMode,
            places: profile.places,
            visibility: profile.visibility,
          },
          manager: { name: profile.managerName, email: profile.managerEmail },
          createdAt: profile.createdAt,
          updatedAt: profile.updatedAt,
        }
      : null,
    applications: myApplications,
    participations: participations.map((row) => ({ ...row, id: undefined })),
    consents,
    confirmedHours: hours,
    badges,
    eventInvitations: invitations,
    authoredMissions,
    notifications: myNotifications,
    emails: emails.map((email) => ({ ...email, text: withoutUsableLinks(email.text) })),
    audit,
  };
}

export type PersonalDataExport = Awaited<ReturnType<typeof exportPersonalData>>;

// ── Deletion ────────────────────────────────────────────────────────────────

/** Participations still running: the account cannot be deleted before they end (see DECISIONS.md). */
async function runningParticipations(executor: Executor, userId: string) {
  return executor
    .select({ missionId: missions.id, title: missions.title })
    .from(missionCandidates)
    .innerJoin(missions, eq(missions.id, missionCandidates.missionId))
    .leftJoin(confirmedHours, eq(confirmedHours.candidateId, missionCandidates.id))
    .where(and(eq(missionCandidates.agentId, userId), eq(missionCandidates.state, "selectionnee"), isNull(confirmedHours.id)));
}

/** What deleting the account would do, for the confirmation page. The person is the session's user. */
export async function describeDeletion(executor: Executor, actor: CurrentUser) {
  const blocking = await runningParticipations(executor, actor.id);
  const [open] = await executor
    .select({
      // Missions where the person is still a candidate, by application or proposal (often both).
      missions: sql<number>`(select count(distinct mission_id)::int from (
        select ${applications.missionId} as mission_id from ${applications} where ${applications.agentId} = ${actor.id} and ${applications.state} = 'active'
        union all
        select ${missionCandidates.missionId} from ${missionCandidates} where ${missionCandidates.agentId} = ${actor.id} and ${missionCandidates.state} in ('a_examiner', 'proposee', 'acceptee', 'consentie')
      ) as open_missions)`,
      finished: sql<number>`(select count(*)::int from ${confirmedHours} where ${confirmedHours.agentId} = ${actor.id})`,
    })
    .from(sql`(select 1) as one`);
  return { blocking, openMissions: open?.missions ?? 0, finishedParticipations: open?.finished ?? 0 };
}

/** States of a candidate that are still open: withdrawing them tells DINUM and the demandeur. */
const OPEN_CANDIDATE_STATES = ["a_examiner", "proposee", "acceptee", "consentie"];
export const DELETED_LABEL = "[compte supprimé]";

/** Stable pseudonym of a deleted account in the audit log: the same person stays one actor, unnamed. */
export function pseudonymOf(userId: string): string {
  return `Compte supprimé n° ${createHash("sha256").update(userId).digest("hex").slice(0, 10)}`;
}

export type DeletionReason = "demande" | "inactivite";

/**
 * Deletes an account in one transaction: personal data erased, open applications and proposals
 * withdrawn (DINUM and the demandeurs told), confirmed hours and the ledger kept (they are the
 * administrations'), audit entries pseudonymised. The users row stays as an anonymous tombstone
 * (confirmed hours and missions point at it), with `deleted_at` set: every matching engine drops
 * the profile at its next sync. Refused while a participation is running.
 */
export async function deleteAccount(executor: Executor, userId: string, reason: DeletionReason, onlyIf?: SQL) {
  return executor.transaction(async (tx) => {
    const [person] = await tx
      .select({ id: users.id, email: users.email, givenName: users.givenName, usualName: users.usualName })
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.deletedAt), onlyIf))
      .for("update");
    // The retention job's conditions no longer hold (deleted by another instance, or a login since).
    if (!person && onlyIf) return null;
    if (!person) throw new DomainError("Ce compte est déjà supprimé.");
    const running = await runningParticipations(tx, userId);
    if (running.length) {
      throw new DomainError(
        `Vous participez à une mission en cours (${running.map((row) => `« ${row.title} »`).join(", ")}) : votre compte pourra être supprimé quand vos heures seront confirmées. Pour arrêter avant, écrivez à l'administration demandeuse ou à l'équipe Mission Talents.`,
      );
    }

    // Missions whose demandeur and DINUM must hear that the person left.
    const openApplications = await tx
      .update(applications)
      .set({ state: "retiree", withdrawnAt: new Date() })
      .where(and(eq(applications.agentId, userId), eq(applications.state, "active")))
      .returning({ missionId: applications.missionId });
    await tx.update(applications).set({ message: "" }).where(eq(applications.agentId, userId));
    const kept = tx.select({ id: confirmedHours.candidateId }).from(confirmedHours).where(eq(confirmedHours.agentId, userId));
    const removedCandidates = await tx
      .delete(missionCandidates)
      .where(and(eq(missionCandidates.agentId, userId), notInArray(missionCandidates.id, kept)))
      .returning({ id: missionCandidates.id, missionId: missionCandidates.missionId, state: missionCandidates.state });
    // Participations with confirmed hours stay (the ledger counts them), without what describes the person.
    await tx
      .update(missionCandidates)
      .set({ feedback: null, hoursComment: null, declineReason: null, attestedSkills: [], reasons: [], updatedAt: new Date() })
      .where(eq(missionCandidates.agentId, userId));
    await tx.delete(missionSuggestions).where(eq(missionSuggestions.agentId, userId));
    await tx.delete(agentProfiles).where(eq(agentProfiles.userId, userId));
    await tx.delete(notifications).where(eq(notifications.userId, userId));
    await tx.delete(eventInvitations).where(eq(eventInvitations.userId, userId));
    // Every session ends with the account, on every device.
    await tx.delete(userSessions).where(eq(userSessions.userId, userId));

    // The stored emails: those to the person go; pending ones about a withdrawn candidate too
    // (a consent request nobody needs); the others lose the person's name and address.
    const removedIds = removedCandidates.map((row) => row.id);
    await tx.delete(emailOutbox).where(eq(emailOutbox.toAddress, person.email));
    if (removedIds.length) {
      await tx.delete(emailOutbox).where(and(eq(emailOutbox.status, "en_attente"), inArray(sql`${emailOutbox.context}->>'candidateId'`, removedIds)));
    }
    const fullName = `${person.givenName} ${person.usualName}`.trim();
    const identifiers = [person.email, ...(fullName.length >= 5 ? [fullName] : [])];
    for (const identifier of identifiers) {
      const pattern = `%${identifier}%`;
      await tx
        .update(emailOutbox)
        .set({
          subject: sql`replace(${emailOutbox.subject}, ${identifier}, ${DELETED_LABEL})`,
          textBody: sql`replace(${emailOutbox.textBody}, ${identifier}, ${DELETED_LABEL})`,
          htmlBody: sql`replace(${emailOutbox.htmlBody}, ${identifier}, ${DELETED_LABEL})`,
        })
        .where(or(sql`${emailOutbox.textBody} like ${pattern}`, sql`${emailOutbox.subject} like ${pattern}`));
      await tx
        .update(notifications)
        .set({ title: sql`replace(${notifications.title}, ${identifier}, ${DELETED_LABEL})`, body: sql`replace(${notifications.body}, ${identifier}, ${DELETED_LABEL})` })
        .where(or(sql`${notifications.title} like ${pattern}`, sql`${notifications.body} like ${pattern}`));
    }

    // Audit: the entries stay (who did what matters to the administrations), under a pseudonym.
    const pseudonym = pseudonymOf(userId);
    await tx.update(auditLog).set({ actorLabel: pseudonym }).where(or(eq(auditLog.actorUserId, userId), eq(auditLog.actorLabel, person.email)));
    for (const identifier of identifiers) {
      // Only identifiers that JSON writes as they are (no quote or backslash) are replaced in the details.
      const inDetails = !/["\\]/.test(identifier);
      await tx
        .update(auditLog)
        .set({
          actorLabel: sql`replace(${auditLog.actorLabel}, ${identifier}, ${pseudonym})`,
          reason: sql`replace(${auditLog.reason}, ${identifier}, ${pseudonym})`,
          ...(inDetails ? { details: sql`replace(${auditLog.details}::text, ${identifier}, ${pseudonym})::jsonb` } : {}),
        })
        .where(
          or(
            sql`${auditLog.actorLabel} like ${`%${identifier}%`}`,
            sql`${auditLog.reason} like ${`%${identifier}%`}`,
            inDetails ? sql`${auditLog.details}::text like ${`%${identifier}%`}` : undefined,
          ),
        );
    }

    await tx
      .update(users)
      .set({
        proconnectSub: `supprime:${userId}`,
        email: `compte-supprime-${userId}@invalid`,
        givenName: "Compte",
        usualName: "supprimé",
        siret: null,
        organizationalUnit: null,
        administrationId: null,
        administrationCorrected: false,
        roles: [],
        lastLoginAt: null,
        retentionWarnedAt: null,
        deletedAt: sql`now()`,
      })
      .where(eq(users.id, userId));

    // Tell the demandeur of each mission the person left, and DINUM, once per mission.
    const withdrawnMissionIds = [
      ...new Set([...openApplications.map((row) => row.missionId), ...removedCandidates.filter((row) => OPEN_CANDIDATE_STATES.includes(row.state)).map((row) => row.missionId)]),
    ];
    if (withdrawnMissionIds.length) {
      const affected = await tx
        .select({ id: missions.id, title: missions.title, authorId: missions.authorId, authorEmail: users.email, authorName: users.givenName, authorDeleted: users.deletedAt })
        .from(missions)
        .innerJoin(users, eq(users.id, missions.authorId))
        .where(inArray(missions.id, withdrawnMissionIds));
      for (const mission of affected) {
        const body = "Un agent qui était candidat ou à qui la mission était proposée a supprimé son compte : sa candidature est retirée.";
        await notifyDinum(tx, { title: `Candidature retirée : ${mission.title}`, body, link: `/dinum/missions/${mission.id}/revue` });
        if (mission.authorDeleted || mission.authorId === userId) continue;
        await notify(tx, mission.authorId, { title: `Candidature retirée : ${mission.title}`, body, link: `/demandeur/missions/${mission.id}` });
        await enqueueEmail(tx, {
          to: mission.authorEmail,
          template: "candidature-retiree",
          context: { missionId: mission.id },
          subject: `Une candidature à votre mission « ${mission.title} » est retirée`,
          greeting: `Bonjour ${mission.authorName},`,
          paragraphs: [
            `Un agent qui était candidat à votre mission « ${mission.title} », ou à qui elle était proposée, a supprimé son compte. Sa candidature est retirée et n'apparaît plus dans vos listes.`,
            "L'équipe Mission Talents en est informée et peut proposer la mission à d'autres agents.",
          ],
          action: { label: "Voir la mission", url: `${serverEnv().APP_URL}/demandeur/missions/${mission.id}` },
        });
      }
    }

    await tx.insert(auditLog).values({
      actorUserId: reason === "demande" ? userId : null,
      actorLabel: reason === "demande" ? pseudonym : "conservation des données",
      action: reason === "demande" ? "compte.supprime" : "compte.supprime_inactivite",
      entityType: "user",
      entityId: userId,
      details: {
        candidaturesRetirees: openApplications.length,
        participationsRetirees: removedCandidates.length,
        missionsPrevenues: withdrawnMissionIds.length,
      },
    });
    return { withdrawnApplications: openApplications.length, removedParticipations: removedCandidates.length, toldMissions: withdrawnMissionIds.length };
  });
}

/** The signed-in person deletes their own account. */
export async function deleteMyAccount(executor: Executor, actor: CurrentUser) {
  return deleteAccount(executor, actor.id, "demande");
}

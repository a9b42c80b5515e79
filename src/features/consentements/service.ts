import "server-only";
import { and, asc, count, desc, eq, gt, isNull, isNotNull, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { cache } from "react";
import { auditActor, recordAudit } from "@/server/audit";
import { assertRole, AuthorizationError, type CurrentUser } from "@/server/auth/roles";
import type { Executor, Transaction } from "@/server/db/client";
import { administrations, agentProfiles, missions, users } from "@/server/db/schema";
import { consentRequests, missionCandidates } from "@/server/db/schema-parcours";
import { DomainError, NotFoundError } from "@/server/errors";
import { enqueueEmail } from "@/server/mail/outbox";
import { PERSONAL_LINK_PLACEHOLDER } from "@/server/mail/personal-links";
import { notify, notifyDinum } from "@/features/notifications/service";
import { consentPage, urgentConsentCondition } from "@/features/a-faire/conditions";
import { CONSENT_IDENTITY_REFUSALS, checkConsentIdentity, managerAddressProblem, sameMailbox, type ConsentIdentityRefusal } from "./identity";
import { CONSENT_REMINDER_AFTER_MS, CONSENT_VALIDITY_MS, hashConsentToken, looksLikeConsentToken } from "./tokens";
import { formatDate, plural, withArticle } from "@/lib/format-fr";

const dateFormat = (value: string | null) => formatDate(value, "à préciser");

/** Everything the manager needs to decide, read for one candidate. */
async function loadConsentContext(executor: Executor, candidateId: string) {
  const [row] = await executor
    .select({
      candidateId: missionCandidates.id,
      candidateState: missionCandidates.state,
      agentId: missionCandidates.agentId,
      missionId: missions.id,
      missionTitle: missions.title,
      missionDescription: missions.description,
      totalHours: missions.totalHours,
      rhythm: missions.rhythm,
      startDate: missions.startDate,
      endDate: missions.endDate,
      workMode: missions.workMode,
      place: missions.place,
      requestingAdministration: administrations.name,
      agentGivenName: users.givenName,
      agentUsualName: users.usualName,
      agentEmail: users.email,
      managerName: agentProfiles.managerName,
      managerEmail: agentProfiles.managerEmail,
    })
    .from(missionCandidates)
    .innerJoin(missions, eq(missions.id, missionCandidates.missionId))
    .innerJoin(administrations, eq(administrations.id, missions.administrationId))
    .innerJoin(users, eq(users.id, missionCandidates.agentId))
    .leftJoin(agentProfiles, eq(agentProfiles.userId, missionCandidates.agentId))
    .where(eq(missionCandidates.id, candidateId));
  if (!row) throw new NotFoundError("Candidature");
  return row;
}

type ConsentContext = Awaited<ReturnType<typeof loadConsentContext>>;

function consentEmail(context: ConsentContext, manager: { name: string; email: string }, consentRequestId: string, expiresAt: Date, reminder: boolean) {
  const agent = `${context.agentGivenName} ${context.agentUsualName}`.trim();
  return {
    to: manager.email,
    template: reminder ? "consentement-relance" : "consentement-demande",
    subject: `${reminder ? "Rappel : votre" : "Votre"} accord est demandé pour la mission de ${agent}`,
    greeting: manager.name ? `Bonjour ${manager.name},` : "Bonjour,",
    paragraphs: [
      `${agent} souhaite consacrer du temps à une mission proposée par ${withArticle(context.requestingAdministration)} dans le cadre de « Partagez vos talents numériques » : « ${context.missionTitle} ».`,
      `Effort : ${context.totalHours ? plural(context.totalHours, "heure", "heures") : "à préciser"} au total, ${context.rhythm === "recurrente" ? "sur plusieurs séances" : "en une fois"}, du ${dateFormat(context.startDate)} au ${dateFormat(context.endDate)}.`,
      "Aucune mission ne commence sans votre accord. Vous pouvez accepter ou refuser, avec un commentaire si vous le souhaitez. Le lien vous fera vous connecter avec ProConnect : cela prouve que c'est bien vous qui répondez.",
    ],
    // The link is minted when the email leaves (see delivery.ts): the outbox never holds a usable one.
    action: { label: "Donner ma réponse", url: PERSONAL_LINK_PLACEHOLDER },
    footnote: `Ce lien est personnel, ne sert qu'une fois et expire le ${formatDate(expiresAt)}.`,
    context: { missionId: context.missionId, candidateId: context.candidateId },
    consentRequestId,
  };
}

/**
 * Opens a consent request for an accepted candidate (called in the transaction of the agent's
 * acceptance) and writes the manager's email in the outbox; the link is minted at delivery.
 * Returns the request's id.
 */
export async function openConsentRequest(executor: Executor, candidateId: string, now = new Date()) {
  const context = await loadConsentContext(executor, candidateId);
  if (!context.managerEmail) {
    throw new DomainError("Indiquez d'abord votre manager dans votre profil : son accord est nécessaire.");
  }
  const expiresAt = new Date(now.getTime() + CONSENT_VALIDITY_MS);
  const [request] = await executor
    .insert(consentRequests)
    .values({ candidateId, managerName: context.managerName ?? "", managerEmail: context.managerEmail, expiresAt, createdAt: now })
    .returning({ id: consentRequests.id });
  await enqueueEmail(executor, consentEmail(context, { name: context.managerName ?? "", email: context.managerEmail }, request!.id, expiresAt, false));
  return request!.id;
}

export type ConsentLinkProblem = "invalide" | "remplace" | "utilise" | "expire";

export const CONSENT_LINK_PROBLEMS: Record<ConsentLinkProblem, string> = {
  invalide: "Ce lien n'est pas valide. Vérifiez qu'il a été copié en entier depuis le courriel reçu.",
  remplace: "Ce lien a été remplacé par un lien plus récent : utilisez le dernier courriel reçu.",
  utilise: "Ce lien a déjà servi : votre réponse a été enregistrée. Rien n'a été modifié.",
  expire: "Ce lien a expiré. L'équipe Mission Talents de la DINUM peut vous en envoyer un nouveau.",
};

export class ConsentLinkError extends DomainError {
  constructor(readonly problem: ConsentLinkProblem) {
    super(CONSENT_LINK_PROBLEMS[problem]);
    this.name = "ConsentLinkError";
  }
}

async function findUsableRequest(executor: Executor, token: string, now: Date) {
  if (!looksLikeConsentToken(token)) throw new ConsentLinkError("invalide");
  const [request] = await executor.select().from(consentRequests).where(eq(consentRequests.tokenHash, hashConsentToken(token)));
  if (!request) throw new ConsentLinkError("invalide");
  if (request.decidedAt) throw new ConsentLinkError("utilise");
  if (request.supersededAt) throw new ConsentLinkError("remplace");
  if (request.expiresAt <= now) throw new ConsentLinkError("expire");
  return request;
}

/** The signed-in person is not the one who may answer: the French reason, nothing recorded. */
export class ConsentIdentityError extends DomainError {
  constructor(readonly refusal: ConsentIdentityRefusal) {
    super(CONSENT_IDENTITY_REFUSALS[refusal]);
    this.name = "ConsentIdentityError";
  }
}

/** A person as the identity rule sees them: ProConnect's `sub`, verified email, administration. */
async function identityOf(executor: Executor, userId: string) {
  const [row] = await executor
    .select({
      userId: users.id,
      sub: users.proconnectSub,
      email: users.email,
      siret: administrations.siret,
      claimedSiret: users.siret,
      kind: administrations.kind,
      ministry: administrations.ministry,
    })
    .from(users)
    .leftJoin(administrations, eq(administrations.id, users.administrationId))
    .where(eq(users.id, userId));
  if (!row) throw new NotFoundError("Utilisateur");
  return {
    userId: row.userId,
    sub: row.sub,
    email: row.email,
    organisation: { siret: row.siret ?? row.claimedSiret, kind: row.kind, ministry: row.ministry },
  };
}

/** The rule of docs/DECISIONS.md, applied to a request: throws the refusal, or says how the manager was verified. */
async function verifyManager(executor: Executor, request: { managerEmail: string }, agentId: string, viewer: CurrentUser) {
  const [manager, agent] = await Promise.all([identityOf(executor, viewer.id), identityOf(executor, agentId)]);
  const check = checkConsentIdentity({ viewer: manager, agent, managerEmail: request.managerEmail });
  if (!check.ok) throw new ConsentIdentityError(check.refusal);
  return { email: manager.email, organisation: check.organisation, siret: manager.organisation.siret ?? "" };
}

/**
 * What the consent page shows, once the signed-in person is proven to be the manager named for
 * this request (the link alone is not enough: see verifyManager).
 */
export async function viewConsentRequest(executor: Executor, token: string, viewer: CurrentUser, now = new Date()) {
  const request = await findUsableRequest(executor, token, now);
  const context = await loadConsentContext(executor, request.candidateId);
  await verifyManager(executor, request, context.agentId, viewer);
  return {
    managerName: request.managerName,
    expiresAt: request.expiresAt,
    agentName: `${context.agentGivenName} ${context.agentUsualName}`.trim(),
    missionTitle: context.missionTitle,
    missionDescription: context.missionDescription,
    requestingAdministration: context.requestingAdministration,
    totalHours: context.totalHours,
    rhythm: context.rhythm,
    startDate: context.startDate,
    endDate: context.endDate,
    workMode: context.workMode,
    place: context.place,
  };
}

/** Before login: only whether the link can still be used, nothing about the agent or the mission. */
export async function checkConsentLink(executor: Executor, token: string, now = new Date()) {
  await findUsableRequest(executor, token, now);
}

type Verification =
  | { kind: "proconnect"; actor: CurrentUser; details: { email: string; organisation: string; siret: string } }
  | { kind: "hors_proconnect"; actor: CurrentUser; details: { preuve: string; raison: string } };

/**
 * The decision's one path, for the manager's answer and for DINUM's record: the conditional update
 * makes it count once even under concurrent submissions; the candidate moves on, all audited.
 */
async function recordDecision(
  tx: Transaction,
  request: typeof consentRequests.$inferSelect,
  input: { decision: "approuve" | "refuse"; comment?: string },
  verification: Verification,
  now: Date,
) {
  const comment = input.comment?.trim() || null;
  const [decided] = await tx
    .update(consentRequests)
    .set({
      decision: input.decision,
      decisionComment: comment,
      decidedAt: now,
      verification: verification.kind,
      decidedByUserId: verification.actor.id,
      verificationDetails: verification.details,
    })
    .where(
      and(
        eq(consentRequests.id, request.id),
        isNull(consentRequests.decidedAt),
        isNull(consentRequests.supersededAt),
        // The link expires; an answer DINUM obtained and checked otherwise does not.
        verification.kind === "proconnect" ? gt(consentRequests.expiresAt, now) : undefined,
      ),
    )
    .returning({ id: consentRequests.id });
  if (!decided) throw new ConsentLinkError("utilise");
  const nextState = input.decision === "approuve" ? "consentie" : "refusee_manager";
  const [candidate] = await tx
    .update(missionCandidates)
    .set({ state: nextState, updatedAt: now })
    .where(and(eq(missionCandidates.id, request.candidateId), eq(missionCandidates.state, "acceptee")))
    .returning({ agentId: missionCandidates.agentId, missionId: missionCandidates.missionId });
  if (!candidate) throw new DomainError("Cette candidature n'attend plus d'accord : rien n'a été modifié.");
  await recordAudit(tx, {
    actor:
      verification.kind === "proconnect"
        ? { userId: verification.actor.id, label: `Manager ${request.managerEmail}` }
        : auditActor(verification.actor),
    action: input.decision === "approuve" ? "consentement.approuve" : "consentement.refuse",
    entityType: "mission_candidate",
    entityId: request.candidateId,
    reason: verification.kind === "proconnect" ? comment : verification.details.raison,
    details: { missionId: candidate.missionId, verification: verification.kind, manager: request.managerEmail, ...verification.details },
  });
  const approved = input.decision === "approuve";
  const otherwise = verification.kind === "hors_proconnect" ? " (recueilli par l'équipe DINUM hors ProConnect)" : "";
  const title = (approved ? "Votre manager a donné son accord" : "Votre manager n'a pas donné son accord") + otherwise;
  const body = comment ? `Son commentaire : « ${comment} »` : "";
  await notify(tx, candidate.agentId, { title, body, link: "/agent/propositions" });
  await notifyDinum(tx, {
    title: (approved ? "Un manager a donné son accord" : "Un manager a refusé") + otherwise,
    body,
    link: `/missions/${candidate.missionId}`,
  });
  return { decision: input.decision };
}

/**
 * The manager's answer: the link finds the request, and the signed-in person must be the manager
 * named for it (verified by ProConnect, never the agent, same organisation).
 */
export async function decideConsent(
  executor: Executor,
  viewer: CurrentUser,
  input: { token: string; decision: "approuve" | "refuse"; comment?: string },
  now = new Date(),
) {
  return executor.transaction(async (tx) => {
    const request = await findUsableRequest(tx, input.token, now);
    const [candidate] = await tx.select({ agentId: missionCandidates.agentId }).from(missionCandidates).where(eq(missionCandidates.id, request.candidateId));
    if (!candidate) throw new NotFoundError("Candidature");
    const verified = await verifyManager(tx, request, candidate.agentId, viewer);
    return recordDecision(tx, request, input, { kind: "proconnect", actor: viewer, details: verified }, now);
  });
}

/**
 * The exception to the rule: the named manager cannot use ProConnect (no account, another
 * organisation on paper). DINUM records the answer it obtained otherwise, with its proof and
 * reason; audited and shown as such. The pending request's link stops working.
 */
export async function recordConsentObtainedOtherwise(
  executor: Executor,
  actor: CurrentUser,
  input: { candidateId: string; decision: "approuve" | "refuse"; proof: string; reason: string; comment?: string },
  now = new Date(),
) {
  assertRole(actor, "dinum");
  return executor.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(consentRequests)
      .where(and(eq(consentRequests.candidateId, input.candidateId), isNull(consentRequests.decidedAt), isNull(consentRequests.supersededAt)))
      .orderBy(desc(consentRequests.createdAt))
      .limit(1);
    if (!request) throw new DomainError("Aucune demande d'accord n'attend de réponse pour cette candidature : rien n'a été enregistré.");
    const [candidate] = await tx.select({ agentId: missionCandidates.agentId }).from(missionCandidates).where(eq(missionCandidates.id, input.candidateId));
    if (!candidate) throw new NotFoundError("Candidature");
    if (candidate.agentId === actor.id) {
      throw new AuthorizationError("Vous ne pouvez pas enregistrer l'accord donné pour votre propre participation.");
    }
    return recordDecision(
      tx,
      request,
      { decision: input.decision, comment: input.comment },
      { kind: "hors_proconnect", actor, details: { preuve: input.proof.trim(), raison: input.reason.trim() } },
      now,
    );
  });
}

/** DINUM sends a fresh link, optionally to a corrected manager address (at the agent's request). */
export async function resendConsentRequest(
  executor: Executor,
  actor: CurrentUser,
  input: { candidateId: string; managerName?: string; managerEmail?: string; reason?: string },
  now = new Date(),
) {
  assertRole(actor, "dinum");
  return executor.transaction(async (tx) => {
    const context = await loadConsentContext(tx, input.candidateId);
    if (context.candidateState !== "acceptee") throw new DomainError("Seule une candidature qui attend l'accord du manager peut être relancée.");
    const addressProblem = input.managerEmail ? managerAddressProblem(input.managerEmail, context.agentEmail) : null;
    if (addressProblem) {
      throw new DomainError("Cette adresse ne peut pas recevoir la demande d'accord.", {
        managerEmail: [sameMailbox(input.managerEmail!, context.agentEmail) ? "Indiquez l'adresse du manager, pas celle de l'agent (sous aucune variante)." : addressProblem],
      });
    }
    await tx
      .update(consentRequests)
      .set({ supersededAt: now })
      .where(and(eq(consentRequests.candidateId, input.candidateId), isNull(consentRequests.decidedAt), isNull(consentRequests.supersededAt)));
    const manager = {
      name: input.managerName?.trim() || context.managerName || "",
      email: (input.managerEmail ?? context.managerEmail ?? "").toLowerCase(),
    };
    if (input.managerEmail && input.managerEmail.toLowerCase() !== context.managerEmail) {
      await tx
        .update(agentProfiles)
        .set({ managerEmail: manager.email, managerName: manager.name, updatedAt: now })
        .where(eq(agentProfiles.userId, context.agentId));
    }
    const expiresAt = new Date(now.getTime() + CONSENT_VALIDITY_MS);
    const [request] = await tx
      .insert(consentRequests)
      .values({ candidateId: input.candidateId, managerName: manager.name, managerEmail: manager.email, expiresAt, createdAt: now })
      .returning({ id: consentRequests.id });
    await enqueueEmail(tx, consentEmail(context, manager, request!.id, expiresAt, false));
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "consentement.renvoye",
      entityType: "mission_candidate",
      entityId: input.candidateId,
      reason: input.reason ?? null,
      details: { ancienManager: context.managerEmail, nouveauManager: manager.email },
    });
    return request!.id;
  });
}

/**
 * Reminds managers who have not answered after three days: a new link replaces the first one
 * (only hashes are stored, so the first link cannot be sent again), with the same expiry.
 */
export async function sendConsentReminders(executor: Executor, now = new Date()) {
  const due = await executor
    .select()
    .from(consentRequests)
    .where(
      and(
        isNull(consentRequests.decidedAt),
        isNull(consentRequests.supersededAt),
        isNull(consentRequests.remindedAt),
        lte(consentRequests.createdAt, new Date(now.getTime() - CONSENT_REMINDER_AFTER_MS)),
        gt(consentRequests.expiresAt, now),
      ),
    );
  let sent = 0;
  for (const request of due) {
    await executor.transaction(async (tx) => {
      const [superseded] = await tx
        .update(consentRequests)
        .set({ supersededAt: now, remindedAt: now })
        .where(and(eq(consentRequests.id, request.id), isNull(consentRequests.decidedAt), isNull(consentRequests.supersededAt)))
        .returning({ id: consentRequests.id });
      if (!superseded) return;
      const context = await loadConsentContext(tx, request.candidateId);
      const [reminder] = await tx
        .insert(consentRequests)
        .values({
          candidateId: request.candidateId,
          managerName: request.managerName,
          managerEmail: request.managerEmail,
          expiresAt: request.expiresAt,
          remindedAt: now,
          createdAt: now,
        })
        .returning({ id: consentRequests.id });
      await enqueueEmail(tx, consentEmail(context, { name: request.managerName, email: request.managerEmail }, reminder!.id, request.expiresAt, true));
      sent += 1;
    });
  }
  return sent;
}

export const PENDING_CONSENTS_PAGE_SIZE = 20;

/** DINUM's list of consents still awaited, with the check the answer will go through: oldest first, one page at a time. */
export async function listPendingConsents(
  executor: Executor,
  actor: CurrentUser,
  now = new Date(),
  requestedPage = 1,
  options: { urgentOnly?: boolean } = {},
) {
  assertRole(actor, "dinum");
  // `urgentOnly`: the late or soon-expiring ones that DINUM's home counts, the soonest expiry first.
  const awaited = options.urgentOnly
    ? urgentConsentCondition(now)
    : and(isNull(consentRequests.decidedAt), isNull(consentRequests.supersededAt), eq(missionCandidates.state, "acceptee"));
  const [totalRow] = await executor
    .select({ n: count() })
    .from(consentRequests)
    .innerJoin(missionCandidates, eq(missionCandidates.id, consentRequests.candidateId))
    .where(awaited);
  const total = totalRow?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PENDING_CONSENTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  // The page is cut on the consents alone; only its rows read their mission and agent.
  const shown = consentPage(executor, awaited!, options.urgentOnly ? "expiry" : "sent", PENDING_CONSENTS_PAGE_SIZE, (page - 1) * PENDING_CONSENTS_PAGE_SIZE);
  const rows = await executor
    .select({
      candidateId: shown.candidateId,
      missionId: missions.id,
      missionTitle: missions.title,
      agentGivenName: users.givenName,
      agentUsualName: users.usualName,
      agentEmail: users.email,
      managerName: shown.managerName,
      managerEmail: shown.managerEmail,
      sentAt: shown.createdAt,
      delivered: isNotNull(shown.tokenHash),
      expiresAt: shown.expiresAt,
      remindedAt: shown.remindedAt,
    })
    .from(shown)
    .innerJoin(missions, eq(missions.id, shown.missionId))
    .innerJoin(users, eq(users.id, shown.agentId))
    .orderBy(...(options.urgentOnly ? [asc(shown.expiresAt), asc(shown.id)] : [asc(shown.createdAt), asc(shown.id)]));
  return {
    rows: rows.map(({ agentEmail, ...row }) => ({
      ...row,
      expired: row.expiresAt <= now,
      // An address saved before the rule existed: ProConnect will refuse it, DINUM should act.
      addressProblem: managerAddressProblem(row.managerEmail, agentEmail),
    })),
    total,
    page,
    pageCount,
    pageSize: PENDING_CONSENTS_PAGE_SIZE,
  };
}

export const VERIFICATION_LABELS: Record<string, string> = {
  proconnect: "Connexion ProConnect du manager nommé",
  hors_proconnect: "Recueilli hors ProConnect par l'équipe DINUM",
};

/** The last answers, with how each was verified: ProConnect (address and organisation) or DINUM's record. */
export async function listRecentConsentDecisions(executor: Executor, actor: CurrentUser, limit = 30) {
  assertRole(actor, "dinum");
  const recorder = alias(users, "recorder");
  return executor
    .select({
      candidateId: missionCandidates.id,
      missionId: missions.id,
      missionTitle: missions.title,
      agentGivenName: users.givenName,
      agentUsualName: users.usualName,
      managerEmail: consentRequests.managerEmail,
      decision: consentRequests.decision,
      decidedAt: consentRequests.decidedAt,
      verification: consentRequests.verification,
      verificationDetails: consentRequests.verificationDetails,
      decidedByEmail: recorder.email,
    })
    .from(consentRequests)
    .innerJoin(missionCandidates, eq(missionCandidates.id, consentRequests.candidateId))
    .innerJoin(missions, eq(missions.id, missionCandidates.missionId))
    .innerJoin(users, eq(users.id, missionCandidates.agentId))
    .leftJoin(recorder, eq(recorder.id, consentRequests.decidedByUserId))
    .where(isNotNull(consentRequests.decidedAt))
    .orderBy(desc(consentRequests.decidedAt))
    .limit(limit);
}

/*
 * The manager's space. The manager is the signed-in person whose address the consent request
 * names (ProConnect proves it); these functions read and change only those requests.
 */

/** The manager's requests, latest link of each candidate: those waiting for an answer, and past decisions. */
export async function listManagerConsents(executor: Executor, actor: CurrentUser, now = new Date()) {
  assertRole(actor, "manager", "Cet espace est réservé aux managers d'agents inscrits.");
  const rows = await executor
    .select({
      candidateId: missionCandidates.id,
      candidateState: missionCandidates.state,
      missionId: missions.id,
      missionTitle: missions.title,
      missionState: missions.state,
      startDate: missions.startDate,
      endDate: missions.endDate,
      totalHours: missions.totalHours,
      requestingAdministration: administrations.name,
      agentGivenName: users.givenName,
      agentUsualName: users.usualName,
      sentAt: consentRequests.createdAt,
      expiresAt: consentRequests.expiresAt,
      decision: consentRequests.decision,
      decisionComment: consentRequests.decisionComment,
      decidedAt: consentRequests.decidedAt,
    })
    .from(consentRequests)
    .innerJoin(missionCandidates, eq(missionCandidates.id, consentRequests.candidateId))
    .innerJoin(missions, eq(missions.id, missionCandidates.missionId))
    .innerJoin(administrations, eq(administrations.id, missions.administrationId))
    .innerJoin(users, eq(users.id, missionCandidates.agentId))
    .where(and(sql`lower(${consentRequests.managerEmail}) = ${actor.email.toLowerCase()}`, isNull(consentRequests.supersededAt)))
    .orderBy(desc(consentRequests.createdAt));
  const items = rows.map((row) => ({
    ...row,
    agentName: `${row.agentGivenName} ${row.agentUsualName}`.trim(),
    expired: !row.decidedAt && row.expiresAt <= now,
    // An approval may be withdrawn until the demandeur selects the agent (the mission then starts).
    withdrawable: row.decision === "approuve" && row.candidateState === "consentie",
  }));
  return {
    waiting: items.filter((item) => !item.decidedAt && item.candidateState === "acceptee" && !item.expired),
    decided: items.filter((item) => item.decidedAt !== null),
  };
}

export type ManagerConsents = Awaited<ReturnType<typeof listManagerConsents>>;

/**
 * The manager's requests, read once per request: the root layout's menu counts them and the
 * manager's home lists them. React's `cache` keeps them for one server render only.
 */
export const managerConsentsOfRequest = cache((executor: Executor, actor: CurrentUser) => listManagerConsents(executor, actor));

/** Counts for the manager's menu: requests waiting for their answer. */
export async function countManagerConsentsWaiting(executor: Executor, actor: CurrentUser, now?: Date) {
  const { waiting } = await (now ? listManagerConsents(executor, actor, now) : managerConsentsOfRequest(executor, actor));
  return waiting.length;
}

/**
 * The manager withdraws an approval before the mission starts: the candidate leaves the list
 * (as if the manager had refused), the agent and DINUM are told, and the audit keeps the reason.
 */
export async function withdrawConsent(executor: Executor, actor: CurrentUser, input: { candidateId: string; reason: string }, now = new Date()) {
  assertRole(actor, "manager", "Seul le manager qui a donné son accord peut le retirer.");
  return executor.transaction(async (tx) => {
    const [withdrawn] = await tx
      .update(consentRequests)
      .set({ decision: "retire", decisionComment: input.reason.trim(), decidedAt: now })
      .where(
        and(
          eq(consentRequests.candidateId, input.candidateId),
          eq(consentRequests.decision, "approuve"),
          isNull(consentRequests.supersededAt),
          sql`lower(${consentRequests.managerEmail}) = ${actor.email.toLowerCase()}`,
        ),
      )
      .returning({ id: consentRequests.id });
    if (!withdrawn) throw new DomainError("Aucun accord de votre part à retirer pour cette candidature.");
    const [candidate] = await tx
      .update(missionCandidates)
      .set({ state: "refusee_manager", updatedAt: now })
      .where(and(eq(missionCandidates.id, input.candidateId), eq(missionCandidates.state, "consentie")))
      .returning({ agentId: missionCandidates.agentId, missionId: missionCandidates.missionId });
    if (!candidate) throw new DomainError("La mission a déjà commencé : votre accord ne peut plus être retiré. Contactez l'équipe Mission Talents.");
    const context = await loadConsentContext(tx, input.candidateId);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "consentement.retire",
      entityType: "mission_candidate",
      entityId: input.candidateId,
      reason: input.reason.trim(),
      details: { missionId: candidate.missionId },
    });
    const body = `Raison indiquée : « ${input.reason.trim()} »`;
    await notify(tx, candidate.agentId, { title: "Votre manager a retiré son accord", body, link: "/agent/propositions" });
    await notifyDinum(tx, {
      title: `Accord retiré pour ${context.agentGivenName} ${context.agentUsualName}`.trim(),
      body: `Mission « ${context.missionTitle} ». ${body}`,
      link: `/missions/${candidate.missionId}`,
    });
    await enqueueEmail(tx, {
      to: context.agentEmail,
      template: "consentement-retire",
      subject: "Votre manager a retiré son accord",
      greeting: `Bonjour ${context.agentGivenName},`,
      paragraphs: [
        `${actor.displayName} a retiré son accord pour votre participation à la mission « ${context.missionTitle} », proposée par ${withArticle(context.requestingAdministration)}.`,
        body,
        "Vous ne figurez plus sur la liste transmise au demandeur. L'équipe Mission Talents de la DINUM est prévenue.",
      ],
      context: { missionId: candidate.missionId, candidateId: input.candidateId },
    });
    return { missionId: candidate.missionId };
  });
}

import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/server/db/client";
import { administrationCorrections, administrations, users } from "@/server/db/schema";
import type { ProConnectClaims } from "@/server/auth/proconnect";
import { assertRole, AuthorizationError, type CurrentUser } from "@/server/auth/roles";
import { auditActor, recordAudit } from "@/server/audit";
import { serverEnv } from "@/server/env";
import { DomainError, NotFoundError } from "@/server/errors";
import { enqueueEmail } from "@/server/mail/outbox";
import { notify, notifyDinum } from "@/features/notifications/service";

export const DEFAULT_IDP_ID = "proconnect";

/**
 * Creates or refreshes the user behind a ProConnect identity (`sub` + `idp_id`).
 * The administration follows the SIRET, the verified claim: the person never chooses it. A
 * correction DINUM approved holds while ProConnect gives the SIRET it was approved against.
 */
export async function upsertUserFromProConnect(executor: Executor, claims: ProConnectClaims) {
  return executor.transaction(async (tx) => {
    const administrationId = claims.siret
      ? await findOrCreateAdministration(tx, claims.siret, claims.organization_label)
      : null;
    const idpId = claims.idp_id ?? DEFAULT_IDP_ID;
    const [stored] = await tx
      .insert(users)
      .values({
        proconnectSub: claims.sub,
        idpId,
        email: claims.email.toLowerCase(),
        givenName: claims.given_name,
        usualName: claims.usual_name,
        siret: claims.siret ?? null,
        organizationalUnit: claims.organizational_unit ?? null,
        administrationId,
        lastLoginAt: new Date(),
      })
      .onConflictDoUpdate({
        target: [users.proconnectSub, users.idpId],
        set: {
          email: claims.email.toLowerCase(),
          givenName: claims.given_name,
          usualName: claims.usual_name,
          siret: claims.siret ?? null,
          organizationalUnit: claims.organizational_unit ?? null,
          administrationId: sql`case when ${correctionHolds(claims.siret ?? null)} then ${users.administrationId} else ${administrationId}::uuid end`,
          administrationCorrected: correctionHolds(claims.siret ?? null),
          lastLoginAt: new Date(),
        },
      })
      .returning();
    if (!stored) throw new Error("Utilisateur non enregistré");
    return stored;
  });
}

/** A DINUM-approved correction holds while ProConnect gives the SIRET it was approved against. */
function correctionHolds(siret: string | null): SQL<boolean> {
  return sql<boolean>`(${users.administrationCorrected} and ${users.administrationCorrectedForSiret} is not distinct from ${siret}::varchar)`;
}

/** Administrations are created on first sight of their SIRET, named by ProConnect's label. */
async function findOrCreateAdministration(executor: Executor, siret: string, label: string | undefined) {
  const [existing] = await executor
    .select({ id: administrations.id })
    .from(administrations)
    .where(eq(administrations.siret, siret));
  if (existing) return existing.id;
  const [created] = await executor
    .insert(administrations)
    .values({ siret, name: label?.trim() || `Administration (SIRET ${siret})` })
    .onConflictDoNothing({ target: administrations.siret })
    .returning({ id: administrations.id });
  if (created) return created.id;
  // A concurrent login created it between our select and insert.
  const [raced] = await executor.select({ id: administrations.id }).from(administrations).where(eq(administrations.siret, siret));
  if (!raced) throw new Error(`Administration ${siret} introuvable`);
  return raced.id;
}

export type CorrectionStatus = "en_attente" | "approuvee" | "refusee";

export const CORRECTION_STATUSES: Record<CorrectionStatus, string> = {
  en_attente: "En attente de la DINUM",
  approuvee: "Approuvée",
  refusee: "Refusée",
};

/**
 * The person asks DINUM to correct their administration. Nothing changes until DINUM approves:
 * rights keep following ProConnect's SIRET. One open request per person.
 */
export async function requestAdministrationCorrection(
  executor: Executor,
  actor: CurrentUser,
  input: { administrationId?: string; siret?: string; name?: string; reason: string },
) {
  return executor.transaction(async (tx) => {
    const [me] = await tx
      .select({ siret: users.siret, administrationId: users.administrationId })
      .from(users)
      .where(eq(users.id, actor.id));
    if (!me) throw new NotFoundError("Utilisateur");
    let requestedAdministrationId: string | null = null;
    let requestedSiret: string | null = null;
    let requestedName: string | null = null;
    if (input.administrationId) {
      const [known] = await tx.select({ id: administrations.id }).from(administrations).where(eq(administrations.id, input.administrationId));
      if (!known) throw new DomainError("Administration introuvable.", { administrationId: ["Choisissez une administration dans la liste."] });
      requestedAdministrationId = known.id;
    } else if (input.siret) {
      const [known] = await tx.select({ id: administrations.id }).from(administrations).where(eq(administrations.siret, input.siret));
      if (known) requestedAdministrationId = known.id;
      else {
        requestedSiret = input.siret;
        requestedName = input.name?.trim() || null;
      }
    } else {
      throw new DomainError("Indiquez l'administration demandée.", { administrationId: ["Choisissez votre administration, ou indiquez son SIRET."] });
    }
    if (requestedAdministrationId && requestedAdministrationId === me.administrationId) {
      throw new DomainError("C'est déjà votre administration : aucune demande n'est nécessaire.", {
        administrationId: ["C'est déjà votre administration."],
      });
    }
    const [open] = await tx
      .select({ id: administrationCorrections.id })
      .from(administrationCorrections)
      .where(and(eq(administrationCorrections.userId, actor.id), eq(administrationCorrections.status, "en_attente")));
    if (open) throw new DomainError("Vous avez déjà une demande en attente : la DINUM y répondra avant d'en examiner une autre.");
    const [created] = await tx
      .insert(administrationCorrections)
      .values({
        userId: actor.id,
        claimedSiret: me.siret,
        currentAdministrationId: me.administrationId,
        requestedAdministrationId,
        requestedSiret,
        requestedName,
        reason: input.reason.trim(),
      })
      // Two concurrent submissions: the unique index keeps one open request.
      .onConflictDoNothing()
      .returning({ id: administrationCorrections.id });
    if (!created) throw new DomainError("Vous avez déjà une demande en attente : la DINUM y répondra avant d'en examiner une autre.");
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "administration.correction_demandee",
      entityType: "user",
      entityId: actor.id,
      reason: input.reason.trim(),
      details: { demande: created.id, avant: me.administrationId, siretProConnect: me.siret, administrationDemandee: requestedAdministrationId, siretDemande: requestedSiret },
    });
    await notifyDinum(tx, {
      title: "Une correction d'administration attend votre décision",
      body: `${actor.displayName} (${actor.email})`,
      link: "/dinum/administrations",
    });
    return { id: created.id };
  });
}

/** What « Mon compte » shows: the claims rights follow, whether DINUM corrected them, the person's requests. */
export async function getMyAdministration(executor: Executor, actor: CurrentUser) {
  const [me] = await executor
    .select({ siret: users.siret, organizationalUnit: users.organizationalUnit, corrected: users.administrationCorrected })
    .from(users)
    .where(eq(users.id, actor.id));
  const requests = await correctionRows(executor, eq(administrationCorrections.userId, actor.id));
  return {
    siret: me?.siret ?? null,
    organizationalUnit: me?.organizationalUnit ?? null,
    corrected: me?.corrected ?? false,
    pending: requests.find((request) => request.status === "en_attente") ?? null,
    requests,
  };
}

/** DINUM's queue: open requests first (oldest first), then the last decisions. */
export async function listAdministrationCorrections(executor: Executor, actor: CurrentUser) {
  assertRole(actor, "dinum");
  const rows = await correctionRows(executor);
  return {
    pending: rows.filter((row) => row.status === "en_attente").reverse(),
    decided: rows.filter((row) => row.status !== "en_attente").slice(0, 50),
  };
}

async function correctionRows(executor: Executor, where?: SQL) {
  const current = alias(administrations, "current_administration");
  const requested = alias(administrations, "requested_administration");
  const decider = alias(users, "decider");
  return executor
    .select({
      id: administrationCorrections.id,
      userId: administrationCorrections.userId,
      personName: sql<string>`trim(${users.givenName} || ' ' || ${users.usualName})`,
      personEmail: users.email,
      organizationalUnit: users.organizationalUnit,
      claimedSiret: administrationCorrections.claimedSiret,
      currentAdministrationName: current.name,
      requestedAdministrationName: requested.name,
      requestedAdministrationSiret: requested.siret,
      requestedSiret: administrationCorrections.requestedSiret,
      requestedName: administrationCorrections.requestedName,
      reason: administrationCorrections.reason,
      status: administrationCorrections.status,
      decisionComment: administrationCorrections.decisionComment,
      decidedByEmail: decider.email,
      decidedAt: administrationCorrections.decidedAt,
      createdAt: administrationCorrections.createdAt,
    })
    .from(administrationCorrections)
    .innerJoin(users, eq(users.id, administrationCorrections.userId))
    .leftJoin(current, eq(current.id, administrationCorrections.currentAdministrationId))
    .leftJoin(requested, eq(requested.id, administrationCorrections.requestedAdministrationId))
    .leftJoin(decider, eq(decider.id, administrationCorrections.decidedByUserId))
    .where(where)
    .orderBy(desc(administrationCorrections.createdAt));
}

/**
 * DINUM approves or refuses a request, once (a conditional update). Approval moves the person's
 * administration, kept at later logins while ProConnect gives the same SIRET. Audited; the person
 * is told in the app and by email. Nobody decides their own request.
 */
export async function decideAdministrationCorrection(
  executor: Executor,
  actor: CurrentUser,
  input: { requestId: string; decision: "approuvee" | "refusee"; comment?: string },
  now = new Date(),
) {
  assertRole(actor, "dinum");
  return executor.transaction(async (tx) => {
    const [request] = await tx.select().from(administrationCorrections).where(eq(administrationCorrections.id, input.requestId));
    if (!request) throw new NotFoundError("Demande");
    if (request.userId === actor.id) {
      throw new AuthorizationError("Vous ne pouvez pas décider de votre propre demande : un autre membre de l'équipe DINUM s'en charge.");
    }
    const comment = input.comment?.trim() || null;
    if (input.decision === "refusee" && !comment) {
      throw new DomainError("Expliquez le refus : la personne le lira.", { comment: ["Expliquez le refus : la personne le lira."] });
    }
    const [decided] = await tx
      .update(administrationCorrections)
      .set({ status: input.decision, decidedByUserId: actor.id, decidedAt: now, decisionComment: comment })
      .where(and(eq(administrationCorrections.id, request.id), eq(administrationCorrections.status, "en_attente")))
      .returning({ id: administrationCorrections.id });
    if (!decided) throw new DomainError("Cette demande a déjà été traitée : rien n'a été modifié.");
    const [person] = await tx
      .select({ email: users.email, givenName: users.givenName, siret: users.siret, administrationId: users.administrationId })
      .from(users)
      .where(eq(users.id, request.userId));
    if (!person) throw new NotFoundError("Utilisateur");
    let administration: { id: string; name: string } | null = null;
    if (input.decision === "approuvee") {
      const administrationId =
        request.requestedAdministrationId ??
        (request.requestedSiret ? await findOrCreateAdministration(tx, request.requestedSiret, request.requestedName ?? undefined) : null);
      if (!administrationId) throw new DomainError("Cette demande ne désigne aucune administration : refusez-la.");
      const [row] = await tx.select({ id: administrations.id, name: administrations.name }).from(administrations).where(eq(administrations.id, administrationId));
      administration = row ?? null;
      await tx
        .update(users)
        .set({ administrationId, administrationCorrected: true, administrationCorrectedForSiret: person.siret })
        .where(eq(users.id, request.userId));
    }
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: input.decision === "approuvee" ? "administration.correction_approuvee" : "administration.correction_refusee",
      entityType: "user",
      entityId: request.userId,
      reason: comment,
      details: { demande: request.id, avant: person.administrationId, apres: administration?.id ?? person.administrationId },
    });
    const approved = input.decision === "approuvee";
    const title = approved ? "Votre administration a été corrigée" : "Votre demande de correction d'administration est refusée";
    const body = approved
      ? `Votre rattachement est désormais : ${administration?.name ?? "l'administration demandée"}.`
      : `La DINUM explique : « ${comment ?? ""} »`;
    await notify(tx, request.userId, { title, body, link: "/compte" });
    await enqueueEmail(tx, {
      to: person.email,
      template: "administration-correction",
      subject: title,
      greeting: person.givenName ? `Bonjour ${person.givenName},` : "Bonjour,",
      paragraphs: [
        body,
        approved
          ? "Vos droits suivent désormais cette administration. Si ProConnect vous rattache un jour à un autre SIRET, c'est de nouveau lui qui s'appliquera."
          : "Vos droits suivent toujours l'administration donnée par ProConnect. Vous pouvez faire une nouvelle demande depuis « Mon compte ».",
      ],
      action: { label: "Voir mon compte", url: `${serverEnv().APP_URL}/compte` },
    });
    return { decision: input.decision, administrationName: administration?.name ?? null };
  });
}

export async function listAdministrations(executor: Executor) {
  return executor
    .select({ id: administrations.id, name: administrations.name, ministry: administrations.ministry })
    .from(administrations)
    .orderBy(administrations.name);
}

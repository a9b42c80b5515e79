import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/server/db/client";
import { administrations, users } from "@/server/db/schema";
import type { ProConnectClaims } from "@/server/auth/proconnect";
import { recordAudit } from "@/server/audit";
import { NotFoundError } from "@/server/errors";

export const DEFAULT_IDP_ID = "proconnect";

/**
 * Creates or refreshes the user behind a ProConnect identity (`sub` + `idp_id`).
 * The administration follows the SIRET unless the user corrected it.
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
          administrationId: sql`case when ${users.administrationCorrected} then ${users.administrationId} else ${administrationId}::uuid end`,
          lastLoginAt: new Date(),
        },
      })
      .returning();
    if (!stored) throw new Error("Utilisateur non enregistré");
    return stored;
  });
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

/** The user says ProConnect's SIRET is not their real administration: later logins keep their choice. */
export async function correctAdministration(executor: Executor, userId: string, administrationId: string) {
  return executor.transaction(async (tx) => {
    const [administration] = await tx
      .select({ id: administrations.id, name: administrations.name })
      .from(administrations)
      .where(eq(administrations.id, administrationId));
    if (!administration) throw new NotFoundError("Administration");
    const [before] = await tx.select({ administrationId: users.administrationId, email: users.email }).from(users).where(eq(users.id, userId));
    if (!before) throw new NotFoundError("Utilisateur");
    await tx
      .update(users)
      .set({ administrationId, administrationCorrected: true })
      .where(eq(users.id, userId));
    await recordAudit(tx, {
      actor: { userId, label: before.email },
      action: "administration.corrigee",
      entityType: "user",
      entityId: userId,
      details: { avant: before.administrationId, apres: administrationId },
    });
    return administration;
  });
}

export async function listAdministrations(executor: Executor) {
  return executor
    .select({ id: administrations.id, name: administrations.name, ministry: administrations.ministry })
    .from(administrations)
    .orderBy(administrations.name);
}

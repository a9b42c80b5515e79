import "server-only";
import { eq, sql } from "drizzle-orm";
import { auditActor, recordAudit } from "@/server/audit";
import { assertRole, AuthorizationError, hasRole, type CurrentUser } from "@/server/auth/roles";
import type { Executor } from "@/server/db/client";
import { agentProfiles, type ProfileSkill } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { managerAddressProblem } from "@/features/consentements/identity";
import { EMPTY_PROFILE, type ProfileInput, type ProfileValues } from "./schemas";

export interface StoredProfile {
  values: ProfileInput;
  /** Null before the first save. */
  updatedAt: Date | null;
}

/** An agent reads their own profile; DINUM reads any (it reviews matches). */
function assertMayRead(actor: CurrentUser, profileUserId: string) {
  if (actor.id === profileUserId || hasRole(actor, "dinum")) return;
  throw new AuthorizationError("Vous ne pouvez consulter que votre propre profil.");
}

/** Only the agent themself edits their profile: not DINUM, not their manager. */
function assertMayEdit(actor: CurrentUser, profileUserId: string) {
  if (actor.id !== profileUserId) throw new AuthorizationError("Vous ne pouvez modifier que votre propre profil.");
  assertRole(actor, "agent", "Le profil de talents est réservé aux agents.");
}

function toFormValues(row: typeof agentProfiles.$inferSelect): ProfileInput {
  return {
    skills: row.skills.map((skill) => ({ label: skill.label, conceptId: skill.conceptId ?? null, level: skill.level })),
    presentation: row.presentation,
    hoursPerMonth: row.hoursPerMonth,
    availableFrom: row.availableFrom ?? "",
    availableUntil: row.availableUntil ?? "",
    rhythm: row.rhythm as ProfileInput["rhythm"],
    workMode: row.workMode as ProfileInput["workMode"],
    places: row.places,
    managerName: row.managerName,
    managerEmail: row.managerEmail,
    visibility: row.visibility as ProfileInput["visibility"],
  };
}

/** The profile as the form shows it: the stored one, or a blank one before the first save. */
export async function getProfile(executor: Executor, actor: CurrentUser, profileUserId: string): Promise<StoredProfile> {
  assertMayRead(actor, profileUserId);
  const [row] = await executor.select().from(agentProfiles).where(eq(agentProfiles.userId, profileUserId));
  if (!row) return { values: { ...EMPTY_PROFILE, skills: [], places: [] }, updatedAt: null };
  return { values: toFormValues(row), updatedAt: row.updatedAt };
}

/**
 * Creates the profile on first save, replaces it afterwards. `updated_at` moves to now(): the
 * matching engine re-indexes profiles by it. A change of manager is audited, as consent goes to them.
 */
export async function saveProfile(executor: Executor, actor: CurrentUser, profileUserId: string, input: ProfileValues) {
  assertMayEdit(actor, profileUserId);
  const managerEmail = input.managerEmail.trim().toLowerCase();
  // Consent goes to this address: never the agent's own mailbox in any variant, never a personal webmail.
  const managerProblem = managerAddressProblem(managerEmail, actor.email);
  if (managerProblem) {
    throw new DomainError("Le formulaire contient des erreurs : corrigez les champs signalés.", { managerEmail: [managerProblem] });
  }
  const skills: ProfileSkill[] = input.skills.map((skill) => ({
    label: skill.label.trim(),
    conceptId: skill.conceptId,
    level: skill.level,
  }));
  const values = {
    presentation: input.presentation.trim(),
    skills,
    hoursPerMonth: input.hoursPerMonth,
    rhythm: input.rhythm,
    availableFrom: input.availableFrom || null,
    availableUntil: input.availableUntil || null,
    workMode: input.workMode,
    places: [...new Set(input.places.map((place) => place.trim()))],
    managerName: input.managerName.trim(),
    managerEmail,
    visibility: input.visibility,
    updatedAt: sql`now()`,
  };
  return executor.transaction(async (tx) => {
    const [before] = await tx
      .select({ managerEmail: agentProfiles.managerEmail })
      .from(agentProfiles)
      .where(eq(agentProfiles.userId, profileUserId))
      .for("update");
    const [saved] = await tx
      .insert(agentProfiles)
      .values({ userId: profileUserId, ...values })
      .onConflictDoUpdate({ target: agentProfiles.userId, set: values })
      .returning();
    if (!saved) throw new Error("Profil non enregistré");
    if (before?.managerEmail !== managerEmail) {
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: before ? "profil.responsable_modifie" : "profil.cree",
        entityType: "agent_profile",
        entityId: profileUserId,
        details: { responsableAvant: before?.managerEmail ?? null, responsableApres: managerEmail },
      });
    }
    return { values: toFormValues(saved), updatedAt: saved.updatedAt };
  });
}

import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/server/db/client";
import { administrations, applications, missions, users } from "@/server/db/schema";
import { assertRole, AuthorizationError, hasRole, type CurrentUser } from "@/server/auth/roles";
import { DomainError, NotFoundError } from "@/server/errors";
import type { ApplyToMissionInput, WithdrawApplicationInput } from "./schemas";

export type ApplicationState = "active" | "retiree";

async function loadMissionForApplication(executor: Executor, user: CurrentUser, missionId: string) {
  const [mission] = await executor
    .select({ id: missions.id, state: missions.state, administrationId: missions.administrationId, authorId: missions.authorId })
    .from(missions)
    .where(eq(missions.id, missionId));
  const member = mission !== undefined && user.administrationId !== null && user.administrationId === mission.administrationId;
  // A mission the user may not see is answered as missing, so that its existence does not leak.
  if (!mission || (mission.state !== "publiee" && !member && !hasRole(user, "dinum"))) throw new NotFoundError("Mission");
  return { ...mission, member };
}

/**
 * « Se positionner » : one active application per agent and mission. Applying again after a
 * withdrawal reactivates the same row with the new message.
 */
export async function applyToMission(executor: Executor, user: CurrentUser, input: ApplyToMissionInput) {
  assertRole(user, "agent", "Seuls les agents peuvent se positionner sur une mission.");
  return executor.transaction(async (tx) => {
    const mission = await loadMissionForApplication(tx, user, input.missionId);
    if (mission.state !== "publiee") {
      throw new DomainError("Cette mission n'est pas ouverte aux candidatures : seules les missions publiées le sont.");
    }
    if (mission.authorId === user.id) {
      throw new DomainError("Vous avez proposé cette mission : vous ne pouvez pas vous y positionner.");
    }
    const [stored] = await tx
      .insert(applications)
      .values({ missionId: mission.id, agentId: user.id, message: input.message, state: "active" })
      .onConflictDoUpdate({
        target: [applications.missionId, applications.agentId],
        set: { state: "active", message: input.message, createdAt: new Date(), withdrawnAt: null },
        setWhere: sql`${applications.state} = 'retiree'`,
      })
      .returning({ id: applications.id });
    if (!stored) throw new DomainError("Votre candidature à cette mission est déjà envoyée.");
    return { applicationId: stored.id };
  });
}

/** An agent withdraws their own application; once is enough. */
export async function withdrawApplication(executor: Executor, user: CurrentUser, input: WithdrawApplicationInput) {
  return executor.transaction(async (tx) => {
    const [withdrawn] = await tx
      .update(applications)
      .set({ state: "retiree", withdrawnAt: new Date() })
      .where(and(eq(applications.id, input.applicationId), eq(applications.agentId, user.id), eq(applications.state, "active")))
      .returning({ id: applications.id, missionId: applications.missionId });
    if (withdrawn) return { applicationId: withdrawn.id, missionId: withdrawn.missionId };
    const [existing] = await tx
      .select({ agentId: applications.agentId, state: applications.state })
      .from(applications)
      .where(eq(applications.id, input.applicationId));
    if (!existing || existing.agentId !== user.id) throw new NotFoundError("Candidature");
    throw new DomainError("Vous avez déjà retiré cette candidature.");
  });
}

/** « Mes candidatures » : the agent's applications with the state of each mission. */
export async function listMyApplications(executor: Executor, user: CurrentUser) {
  const rows = await executor
    .select({
      id: applications.id,
      missionId: missions.id,
      missionTitle: missions.title,
      missionState: missions.state,
      administrationName: administrations.name,
      message: applications.message,
      state: applications.state,
      createdAt: applications.createdAt,
      withdrawnAt: applications.withdrawnAt,
    })
    .from(applications)
    .innerJoin(missions, eq(missions.id, applications.missionId))
    .innerJoin(administrations, eq(administrations.id, missions.administrationId))
    .where(eq(applications.agentId, user.id))
    .orderBy(desc(applications.createdAt));
  return rows.map((row) => ({ ...row, state: row.state as ApplicationState }));
}

/** The user's active application to a mission, if any (to offer « retirer » on the mission page). */
export async function findMyActiveApplication(executor: Executor, user: CurrentUser, missionId: string) {
  const [row] = await executor
    .select({ id: applications.id, message: applications.message, createdAt: applications.createdAt })
    .from(applications)
    .where(and(eq(applications.missionId, missionId), eq(applications.agentId, user.id), eq(applications.state, "active")));
  return row ?? null;
}

const agentAdministrations = alias(administrations, "agent_administration");

/**
 * Who applied to a mission, for DINUM and the demandeurs of its administration. The demandeur
 * sees no personal data before the manager's consent (see the brief): the agent's administration
 * and message only; DINUM sees names and e-mails.
 */
export async function listMissionApplications(executor: Executor, user: CurrentUser, missionId: string) {
  const mission = await loadMissionForApplication(executor, user, missionId);
  const isDinum = hasRole(user, "dinum");
  if (!isDinum && !(mission.member && hasRole(user, "demandeur"))) {
    throw new AuthorizationError("Seuls la DINUM et les demandeurs de l'administration de la mission voient les candidatures.");
  }
  const rows = await executor
    .select({
      id: applications.id,
      agentName: sql<string>`trim(${users.givenName} || ' ' || ${users.usualName})`,
      agentEmail: users.email,
      agentAdministration: agentAdministrations.name,
      message: applications.message,
      createdAt: applications.createdAt,
    })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.agentId))
    .leftJoin(agentAdministrations, eq(agentAdministrations.id, users.administrationId))
    .where(and(eq(applications.missionId, missionId), eq(applications.state, "active")))
    .orderBy(applications.createdAt);
  return {
    showsIdentity: isDinum,
    items: rows.map((row, index) => ({
      id: row.id,
      agentName: isDinum ? row.agentName : `Candidature n° ${index + 1}`,
      agentEmail: isDinum ? row.agentEmail : null,
      agentAdministration: row.agentAdministration ?? "Administration non renseignée",
      message: row.message,
      createdAt: row.createdAt,
    })),
  };
}

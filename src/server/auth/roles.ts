import "server-only";
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/server/db";
import type { Executor } from "@/server/db/client";
import { administrations, agentProfiles, users } from "@/server/db/schema";
import { serverEnv } from "@/server/env";
import { pseudonym } from "@/server/observability/logger";
import { annotateRequest } from "@/server/observability/request-context";
import { REQUESTED_PATH_HEADER, loginPathFor } from "@/lib/safe-redirect";
import { auth } from "./index";
import { activeSessionCondition } from "./sessions";

/**
 * The one place that says who may do what. Pages, server actions and route handlers
 * all go through these functions, in their own server code.
 */
export type Role = "agent" | "demandeur" | "manager" | "dinum";

export const ROLE_LABELS: Record<Role, string> = {
  agent: "Agent",
  demandeur: "Demandeur",
  manager: "Manager",
  dinum: "Équipe DINUM",
};

export const ROLE_HOMES: Record<Role, string> = {
  dinum: "/dinum",
  demandeur: "/demandeur",
  manager: "/manager",
  agent: "/agent",
};

export interface CurrentUser {
  id: string;
  email: string;
  givenName: string;
  usualName: string;
  displayName: string;
  administrationId: string | null;
  administrationName: string | null;
  roles: Role[];
}

/** Raised when a signed-in user asks for something they may not do. */
export class AuthorizationError extends Error {
  constructor(message = "Vous n'avez pas les droits pour cette action.") {
    super(message);
    this.name = "AuthorizationError";
  }
}

export class AuthenticationRequiredError extends Error {
  constructor() {
    super("Votre session a expiré : reconnectez-vous avec ProConnect.");
    this.name = "AuthenticationRequiredError";
  }
}

export function isDinumEmail(email: string): boolean {
  return serverEnv().DINUM_ALLOWED_EMAILS.includes(email.toLowerCase());
}

/**
 * Loads a user with the roles they hold now (the allow-list and manager links are read live);
 * `sessionCondition` (see `activeSessionCondition`) makes an ended session load nobody.
 */
export async function loadUserWithRoles(executor: Executor, userId: string, sessionCondition?: SQL): Promise<CurrentUser | null> {
  const [row] = await executor
    .select({
      id: users.id,
      email: users.email,
      givenName: users.givenName,
      usualName: users.usualName,
      administrationId: users.administrationId,
      administrationName: administrations.name,
      roles: users.roles,
      managesSomeone: sql<boolean>`exists (select 1 from ${agentProfiles} where lower(${agentProfiles.managerEmail}) = ${users.email})`,
    })
    .from(users)
    .leftJoin(administrations, eq(administrations.id, users.administrationId))
    // A deleted account is nobody: a session opened before the deletion opens nothing.
    .where(and(eq(users.id, userId), isNull(users.deletedAt), sessionCondition));
  if (!row) return null;
  const roles = new Set<Role>(row.roles.filter((role): role is Role => role in ROLE_LABELS));
  if (row.managesSomeone) roles.add("manager");
  if (isDinumEmail(row.email)) roles.add("dinum");
  return {
    id: row.id,
    email: row.email,
    givenName: row.givenName,
    usualName: row.usualName,
    displayName: `${row.givenName} ${row.usualName}`.trim() || row.email,
    administrationId: row.administrationId,
    administrationName: row.administrationName,
    roles: [...roles],
  };
}

/**
 * The signed-in user, once per request. The cookie alone is not enough: its server-side session
 * must still be open (not logged out, not ended by DINUM, not expired).
 */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  if (!session?.userId) return null;
  const sessionOpen = activeSessionCondition({ sessionId: session.sessionId, userId: session.userId });
  if (!sessionOpen) return null;
  const user = await loadUserWithRoles(db(), session.userId, sessionOpen);
  // The request's log line says who (as a pseudonym) and in which role, never their name or email.
  if (user) annotateRequest({ user: pseudonym(user.id), role: primaryRole(user) });
  return user;
});

export function hasRole(user: CurrentUser, role: Role): boolean {
  return user.roles.includes(role);
}

/** The most specific space of a user: DINUM, then demandeur, manager, agent. */
export function primaryRole(user: CurrentUser): Role {
  return (["dinum", "demandeur", "manager", "agent"] as const).find((role) => hasRole(user, role)) ?? "agent";
}

/** For server actions and route handlers: throws instead of redirecting. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) throw new AuthenticationRequiredError();
  return user;
}

/** For services: refuses, with the service's own words, a user who does not hold the role. */
export function assertRole(user: CurrentUser, role: Role, message?: string): void {
  if (!hasRole(user, role)) throw new AuthorizationError(message);
}

/**
 * For pages: sends anonymous visitors to the login page, which brings them back to the page they
 * asked for (a deep link from an email survives the login), and others to a French refusal.
 */
export async function requirePageUser(role?: Role): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(loginPathFor((await headers()).get(REQUESTED_PATH_HEADER)));
  if (role && !hasRole(user, role)) redirect("/acces-refuse");
  return user;
}

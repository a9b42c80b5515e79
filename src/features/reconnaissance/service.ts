import "server-only";
import { formatDateWithWeekday } from "@/lib/format-fr";
import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { toCsv } from "@/lib/csv";
import { auditActor, recordAudit } from "@/server/audit";
import { assertRole, AuthorizationError, hasRole, type CurrentUser } from "@/server/auth/roles";
import type { Executor } from "@/server/db/client";
import { administrations, missions, users } from "@/server/db/schema";
import { eventInvitations } from "@/server/db/schema-compensation";
import { confirmedHours, missionCandidates } from "@/server/db/schema-parcours";
import { serverEnv } from "@/server/env";
import { DomainError } from "@/server/errors";
import { enqueueEmail } from "@/server/mail/outbox";
import { notify } from "@/features/notifications/service";
import { earnedBadges, type AgentFigures, type Badge } from "./badges";
import { CONTRIBUTORS_LIMIT_DEFAULT, type InviteToEventInput } from "./schemas";

const displayNameOf = (row: { givenName: string; usualName: string; email: string }) => `${row.givenName} ${row.usualName}`.trim() || row.email;

/** The figures the badge rules need, for several agents in two queries. */
async function figuresOf(executor: Executor, agentIds: string[]): Promise<Map<string, AgentFigures>> {
  const figures = new Map<string, AgentFigures>(agentIds.map((id) => [id, { participations: [], attestedSkills: [] }]));
  if (agentIds.length === 0) return figures;
  const [participations, attestations] = await Promise.all([
    executor
      .select({
        agentId: confirmedHours.agentId,
        hours: confirmedHours.hours,
        borrowingAdministrationId: confirmedHours.borrowingAdministrationId,
        confirmedAt: confirmedHours.confirmedAt,
      })
      .from(confirmedHours)
      .where(inArray(confirmedHours.agentId, agentIds)),
    executor
      .select({ agentId: missionCandidates.agentId, skills: missionCandidates.attestedSkills, missionTitle: missions.title })
      .from(missionCandidates)
      .innerJoin(missions, eq(missions.id, missionCandidates.missionId))
      .leftJoin(confirmedHours, eq(confirmedHours.candidateId, missionCandidates.id))
      .where(
        and(
          inArray(missionCandidates.agentId, agentIds),
          eq(missionCandidates.state, "selectionnee"),
          sql`jsonb_array_length(${missionCandidates.attestedSkills}) > 0`,
        ),
      )
      // In the order they were attested: a skill attested twice keeps its first spelling.
      .orderBy(sql`${confirmedHours.confirmedAt} asc nulls last`, asc(missionCandidates.id)),
  ]);
  for (const { agentId, ...participation } of participations) figures.get(agentId)?.participations.push(participation);
  for (const attestation of attestations) {
    for (const skill of attestation.skills) figures.get(attestation.agentId)?.attestedSkills.push({ skill, missionTitle: attestation.missionTitle });
  }
  return figures;
}

/** An agent's badges: the agent themself or DINUM only. */
export async function badgesOf(executor: Executor, actor: CurrentUser, userId: string): Promise<Badge[]> {
  if (actor.id !== userId && !hasRole(actor, "dinum")) throw new AuthorizationError("Vous ne pouvez voir que vos propres badges.");
  const figures = await figuresOf(executor, [userId]);
  return earnedBadges(figures.get(userId)!);
}

export interface ContributorsFilter {
  /** First and last days of confirmation, yyyy-mm-dd, both included (Paris time). */
  du?: string;
  au?: string;
  /** The ministry of the agent's administration. */
  ministere?: string;
  limite?: number;
}

export interface Contributor {
  userId: string;
  displayName: string;
  email: string;
  administrationName: string | null;
  ministry: string | null;
  /** Over the period. */
  hours: number;
  missions: number;
  /** Earned over all time: a badge does not expire with the period. */
  badges: Badge[];
}

/** Agents ranked by hours confirmed over the period, computed by the database. DINUM only. */
export async function topContributors(executor: Executor, actor: CurrentUser, filter: ContributorsFilter = {}): Promise<Contributor[]> {
  assertRole(actor, "dinum");
  // A deleted account's hours stay in the ledger, but the person is no longer listed.
  const conditions: SQL[] = [
    isNull(users.deletedAt),
    // Only the agents with confirmed hours, found by the users' primary key: joined by a hash, the
    // query read all 100,000 users to keep the 2,000 who have any (40–50 ms at the designed size).
    // The ids are an array computed first (an InitPlan), which the planner reads through the index.
    sql`${users.id} = any(array(select ${confirmedHours.agentId} from ${confirmedHours}))`,
  ];
  if (filter.du) conditions.push(sql`${confirmedHours.confirmedAt} >= (${filter.du}::date)::timestamp at time zone 'Europe/Paris'`);
  if (filter.au) conditions.push(sql`${confirmedHours.confirmedAt} < (${filter.au}::date + 1)::timestamp at time zone 'Europe/Paris'`);
  if (filter.ministere) conditions.push(eq(administrations.ministry, filter.ministere));
  const hoursInPeriod = sql<number>`sum(${confirmedHours.hours})::int`;
  const rows = await executor
    .select({
      userId: users.id,
      givenName: users.givenName,
      usualName: users.usualName,
      email: users.email,
      administrationName: administrations.name,
      ministry: administrations.ministry,
      hours: hoursInPeriod,
      missions: sql<number>`count(distinct ${confirmedHours.missionId})::int`,
    })
    .from(confirmedHours)
    .innerJoin(users, eq(users.id, confirmedHours.agentId))
    .leftJoin(administrations, eq(administrations.id, users.administrationId))
    .where(and(...conditions))
    .groupBy(users.id, administrations.id)
    .orderBy(sql`sum(${confirmedHours.hours}) desc`, asc(users.usualName), asc(users.givenName), asc(users.id))
    .limit(filter.limite ?? CONTRIBUTORS_LIMIT_DEFAULT);
  const figures = await figuresOf(
    executor,
    rows.map((row) => row.userId),
  );
  return rows.map((row) => ({
    userId: row.userId,
    displayName: displayNameOf(row),
    email: row.email,
    administrationName: row.administrationName,
    ministry: row.ministry,
    hours: row.hours,
    missions: row.missions,
    badges: earnedBadges(figures.get(row.userId)!),
  }));
}

/** The top contributors of the page, same filters and order, as a French spreadsheet reads them. DINUM only. */
export async function exportContributorsCsv(executor: Executor, actor: CurrentUser, filter: ContributorsFilter = {}) {
  const contributors = await topContributors(executor, actor, filter);
  const content = toCsv(
    ["Rang", "Agent", "Courriel", "Administration", "Ministère", "Heures confirmées sur la période", "Missions", "Badges"],
    contributors.map((contributor, index) => [
      index + 1,
      contributor.displayName,
      contributor.email,
      contributor.administrationName,
      contributor.ministry,
      contributor.hours,
      contributor.missions,
      contributor.badges.map((badge) => badge.label).join(", "),
    ]),
  );
  const period = [filter.du, filter.au].filter(Boolean).join("-au-");
  return { filename: `contributeurs${period ? `-${period}` : ""}.csv`, content };
}

/** The ministries, for the filter: the observatory's list, under the same DINUM check. */
export { listMinistries } from "@/features/observatoire/service";

export interface InvitationOutcome {
  invited: { userId: string; displayName: string }[];
  /** Already invited to this same event (name and date): nothing was sent again. */
  alreadyInvited: { userId: string; displayName: string }[];
}

export const formatEventDate = (isoDate: string) => formatDateWithWeekday(isoDate);

/**
 * DINUM invites contributors to an event: one invitation per person, an email through the
 * outbox and a notification, all in one transaction. Inviting someone again to the same event
 * changes nothing and is reported as « déjà invité ».
 */
export async function inviteToEvent(executor: Executor, actor: CurrentUser, input: InviteToEventInput): Promise<InvitationOutcome> {
  assertRole(actor, "dinum", "Seule l'équipe DINUM invite des contributeurs à un événement.");
  const userIds = [...new Set(input.userIds)];
  return executor.transaction(async (tx) => {
    const invitees = await tx
      .select({ id: users.id, email: users.email, givenName: users.givenName, usualName: users.usualName })
      .from(users)
      .where(inArray(users.id, userIds));
    if (invitees.length !== userIds.length) throw new DomainError("Une des personnes choisies n'existe plus : rechargez la liste.");
    const outcome: InvitationOutcome = { invited: [], alreadyInvited: [] };
    const when = formatEventDate(input.eventDate);
    for (const invitee of invitees.sort((a, b) => displayNameOf(a).localeCompare(displayNameOf(b), "fr"))) {
      const person = { userId: invitee.id, displayName: displayNameOf(invitee) };
      const [invitation] = await tx
        .insert(eventInvitations)
        .values({ eventName: input.eventName, eventDate: input.eventDate, userId: invitee.id, invitedById: actor.id })
        .onConflictDoNothing({ target: [eventInvitations.eventName, eventInvitations.eventDate, eventInvitations.userId] })
        .returning({ id: eventInvitations.id });
      if (!invitation) {
        outcome.alreadyInvited.push(person);
        continue;
      }
      outcome.invited.push(person);
      await enqueueEmail(tx, {
        to: invitee.email,
        template: "invitation-evenement",
        subject: `Invitation : ${input.eventName}`,
        greeting: `Bonjour ${invitee.givenName || person.displayName},`,
        paragraphs: [
          "Merci pour les talents que vous avez partagés avec d'autres administrations : votre engagement compte.",
          `L'équipe Mission Talents de la DINUM a le plaisir de vous inviter à « ${input.eventName} », le ${when}, ${input.place}.`,
          ...(input.message ? [input.message] : []),
        ],
        action: { label: "Voir mes badges", url: `${serverEnv().APP_URL}/agent/profil` },
        context: { invitationId: invitation.id },
      });
      await notify(tx, invitee.id, {
        title: `Invitation : ${input.eventName}`,
        body: `Le ${when}, ${input.place}. Les détails vous ont été envoyés par courriel.`,
        link: "/agent/profil",
      });
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: "evenement.invitation",
        entityType: "event_invitation",
        entityId: invitation.id,
        details: { userId: invitee.id, eventName: input.eventName, eventDate: input.eventDate, place: input.place, message: input.message },
      });
    }
    return outcome;
  });
}

import "server-only";
import { formatDateWithWeekday } from "@/lib/format-fr";
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
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
      // The earliest attestation first: a skill attested twice keeps its first spelling (the rows
      // came in no stated order, and the badge's spelling changed from one read to the next).
      .orderBy(asc(confirmedHours.confirmedAt), asc(missionCandidates.id)),
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
  const inPeriod: SQL[] = [];
  if (filter.du) inPeriod.push(sql`${confirmedHours.confirmedAt} >= (${filter.du}::date)::timestamp at time zone 'Europe/Paris'`);
  if (filter.au) inPeriod.push(sql`${confirmedHours.confirmedAt} < (${filter.au}::date + 1)::timestamp at time zone 'Europe/Paris'`);
  // Each agent's total first, the largest first; then each agent's person, read by the users'
  // primary key for as many totals as the ranking needs (a lateral subquery, not a join): joined
  // by a hash, the ranking read all 100,000 users to keep the 2,000 with confirmed hours (40–50 ms
  // at the designed size). The order by names among equal totals is an incremental sort.
  const totals = executor
    .select({
      agentId: confirmedHours.agentId,
      hours: sql<number>`sum(${confirmedHours.hours})::int`.as("hours"),
      missions: sql<number>`count(distinct ${confirmedHours.missionId})::int`.as("missions"),
    })
    .from(confirmedHours)
    .where(inPeriod.length ? and(...inPeriod) : undefined)
    .groupBy(confirmedHours.agentId)
    .orderBy(sql`hours desc`)
    .as("totals");
  const person = executor
    .select({
      userId: users.id,
      givenName: users.givenName,
      usualName: users.usualName,
      email: users.email,
      administrationName: administrations.name,
      ministry: administrations.ministry,
    })
    .from(users)
    .leftJoin(administrations, eq(administrations.id, users.administrationId))
    // A deleted account's hours stay in the ledger, but the person is no longer listed.
    .where(and(eq(users.id, totals.agentId), isNull(users.deletedAt), filter.ministere ? eq(administrations.ministry, filter.ministere) : undefined))
    .limit(1)
    .as("person");
  const rows = await executor
    .select({
      userId: person.userId,
      givenName: person.givenName,
      usualName: person.usualName,
      email: person.email,
      administrationName: person.administrationName,
      ministry: person.ministry,
      hours: totals.hours,
      missions: totals.missions,
    })
    .from(totals)
    .crossJoinLateral(person)
    .orderBy(desc(totals.hours), asc(person.usualName), asc(person.givenName), asc(person.userId))
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

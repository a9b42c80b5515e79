import { createHash } from "node:crypto";
import type { Database } from "../client";
import { administrations, agentProfiles, missions, users, type MissionSkill, type ProfileSkill } from "../schema";
import { demoAdministrations } from "./administrations";
import { DEMO_IDP_ID, demoAccounts } from "./demo-accounts";
import { seedDemoActivity } from "./demo-activity";
import { demoAgents, demoMissions } from "./demo-content";
import { seedSkillConcepts, conceptIdForLabel } from "./skill-concepts";

/** Stable ids derived from a seed key, so that re-running the seed finds the same rows. */
export function seedUuid(key: string): string {
  const hex = createHash("sha1").update(`partagez-vos-talents:${key}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Demo data for a local run: administrations, the référentiel, demo accounts, 40 agents and
 * 12 missions in various states. Idempotent: existing rows are left as they are.
 */
export async function seedDemoData(db: Database) {
  await db.transaction(async (tx) => {
    await seedSkillConcepts(tx);
    await tx
      .insert(administrations)
      .values(demoAdministrations.map((administration) => ({ ...administration })))
      .onConflictDoNothing({ target: administrations.siret });
    const administrationIds = new Map(
      (await tx.select({ id: administrations.id, siret: administrations.siret }).from(administrations)).map((row) => [
        row.siret,
        row.id,
      ]),
    );
    const administrationOf = (siret: string) => {
      const id = administrationIds.get(siret);
      if (!id) throw new Error(`Seed: unknown SIRET ${siret}`);
      return id;
    };

    const people = new Map<string, { email: string; givenName: string; usualName: string; siret: string; organizationalUnit: string; roles: string[] }>();
    for (const account of demoAccounts) {
      people.set(account.sub, {
        email: account.email,
        givenName: account.given_name,
        usualName: account.usual_name,
        siret: account.siret,
        organizationalUnit: account.organizational_unit,
        roles: account.role === "demandeur" ? ["agent", "demandeur"] : ["agent"],
      });
    }
    for (const agent of demoAgents) {
      const known = people.get(agent.sub);
      people.set(agent.sub, {
        email: agent.email,
        givenName: agent.givenName,
        usualName: agent.usualName,
        siret: agent.siret,
        organizationalUnit: agent.organizationalUnit,
        roles: known?.roles ?? ["agent"],
      });
    }
    for (const mission of demoMissions) {
      const author = people.get(mission.authorSub);
      if (author && !author.roles.includes("demandeur")) author.roles.push("demandeur");
    }
    await tx
      .insert(users)
      .values(
        [...people].map(([sub, person]) => ({
          id: seedUuid(`user:${sub}`),
          proconnectSub: sub,
          idpId: DEMO_IDP_ID,
          email: person.email.toLowerCase(),
          givenName: person.givenName,
          usualName: person.usualName,
          siret: person.siret,
          organizationalUnit: person.organizationalUnit,
          administrationId: administrationOf(person.siret),
          roles: person.roles,
        })),
      )
      .onConflictDoNothing();
    const userIds = new Map(
      (await tx.select({ id: users.id, sub: users.proconnectSub }).from(users)).map((row) => [row.sub, row.id]),
    );
    const userOf = (sub: string) => {
      const id = userIds.get(sub);
      if (!id) throw new Error(`Seed: unknown user ${sub}`);
      return id;
    };

    await tx
      .insert(agentProfiles)
      .values(
        demoAgents.map((agent) => ({
          userId: userOf(agent.sub),
          presentation: agent.presentation,
          skills: agent.skills.map((skill): ProfileSkill => ({ ...skill, conceptId: conceptIdForLabel(skill.label) })),
          hoursPerMonth: agent.hoursPerMonth,
          rhythm: agent.rhythm,
          availableFrom: agent.availableFrom,
          availableUntil: agent.availableUntil,
          workMode: agent.workMode,
          places: agent.places,
          managerName: agent.managerName,
          managerEmail: agent.managerEmail.toLowerCase(),
          visibility: agent.visibility,
        })),
      )
      .onConflictDoNothing();

    const now = Date.now();
    await tx
      .insert(missions)
      .values(
        demoMissions.map((mission, index) => {
          const submitted = mission.state !== "brouillon";
          const published = mission.state === "publiee" || mission.state === "archivee";
          return {
            id: seedUuid(`mission:${mission.key}`),
            administrationId: administrationOf(mission.siret),
            authorId: userOf(mission.authorSub),
            title: mission.title,
            context: mission.context,
            description: mission.description,
            skills: mission.skills.map((skill): MissionSkill => ({ ...skill, conceptId: conceptIdForLabel(skill.label) })),
            totalHours: mission.totalHours,
            rhythm: mission.rhythm,
            startDate: mission.startDate,
            endDate: mission.endDate,
            staffingDeadline: mission.staffingDeadline,
            workMode: mission.workMode,
            place: mission.place,
            confidentiality: mission.confidentiality,
            state: mission.state,
            moderationComment: mission.moderationComment ?? null,
            // Spread demo dates over the past weeks so that lists have a meaningful order.
            submittedAt: submitted ? new Date(now - (20 - index) * 86_400_000) : null,
            publishedAt: published ? new Date(now - (18 - index) * 86_400_000) : null,
            archivedAt: mission.state === "archivee" ? new Date(now - (2 + index) * 86_400_000) : null,
          };
        }),
      )
      .onConflictDoNothing();
    await seedDemoActivity(tx, now);
  });
}

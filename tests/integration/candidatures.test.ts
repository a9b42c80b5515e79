import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { fieldErrorsOf } from "@/server/actions/action";
import { AuthorizationError, type CurrentUser, type Role } from "@/server/auth/roles";
import type { Database } from "@/server/db/client";
import { administrations, applications, users } from "@/server/db/schema";
import { seedDemoData, seedUuid } from "@/server/db/seed";
import { DomainError, NotFoundError } from "@/server/errors";
import { applyToMissionSchema } from "@/features/candidatures/schemas";
import {
  applyToMission,
  findMyActiveApplication,
  listMissionApplications,
  listMyApplications,
  withdrawApplication,
} from "@/features/candidatures/service";
import { describeOnBothDatabases } from "./support/databases";

/** The signed-in user as the app builds it; DINUM comes from the allow-list, so the test adds it. */
async function signedIn(db: Database, email: string, derivedRoles: Role[] = []): Promise<CurrentUser> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      givenName: users.givenName,
      usualName: users.usualName,
      administrationId: users.administrationId,
      administrationName: administrations.name,
      roles: users.roles,
    })
    .from(users)
    .leftJoin(administrations, eq(administrations.id, users.administrationId))
    .where(eq(users.email, email));
  if (!row) throw new Error(`Utilisateur de test inconnu : ${email}`);
  return { ...row, displayName: `${row.givenName} ${row.usualName}`, roles: [...new Set([...(row.roles as Role[]), ...derivedRoles])] };
}

const PUBLISHED_SAINT_BRIEUC = seedUuid("mission:audit-rgaa-site-saint-brieuc");
const DRAFT_INTERIEUR = seedUuid("mission:montee-version-java-application-interieur");
const SUBMITTED_CHU_LILLE = seedUuid("mission:aipd-entrepot-donnees-chu-lille");
const MESSAGE = "J'ai mené trois audits RGAA l'an dernier et je peux former vos contributeurs.";

describeOnBothDatabases("candidatures : se positionner sur une mission", (database) => {
  let db: Database;
  let camille: CurrentUser;
  let yann: CurrentUser;
  let claire: CurrentUser;
  let thomas: CurrentUser;

  beforeAll(async () => {
    db = database().db;
    await seedDemoData(db);
    camille = await signedIn(db, "camille.durand@interieur.gouv.fr");
    yann = await signedIn(db, "yann.le-goff@saint-brieuc.fr");
    claire = await signedIn(db, "claire.bernard@numerique.gouv.fr", ["dinum"]);
    thomas = await signedIn(db, "thomas.nguyen@interieur.gouv.fr");
  });

  it("refuse un message trop court ou trop long, en français, sur son champ", () => {
    const short = applyToMissionSchema.safeParse({ missionId: PUBLISHED_SAINT_BRIEUC, message: "  Moi !  " });
    expect(fieldErrorsOf(short.error!)).toEqual({ message: ["Présentez-vous en quelques mots : 10 caractères au moins."] });
    const long = applyToMissionSchema.safeParse({ missionId: PUBLISHED_SAINT_BRIEUC, message: "a".repeat(1001) });
    expect(fieldErrorsOf(long.error!)).toEqual({ message: ["Message : 1000 caractères au maximum."] });
    expect(fieldErrorsOf(applyToMissionSchema.safeParse({ missionId: "pas-un-id", message: MESSAGE }).error!)).toEqual({
      missionId: ["Mission inconnue."],
    });
  });

  it("enregistre la candidature d'un agent sur une mission publiée, une seule fois", async () => {
    const { applicationId } = await applyToMission(db, camille, { missionId: PUBLISHED_SAINT_BRIEUC, message: MESSAGE });
    expect((await findMyActiveApplication(db, camille, PUBLISHED_SAINT_BRIEUC))?.id).toBe(applicationId);
    await expect(applyToMission(db, camille, { missionId: PUBLISHED_SAINT_BRIEUC, message: "Encore moi, au cas où." })).rejects.toThrow(
      "Votre candidature à cette mission est déjà envoyée.",
    );
    const rows = await db.select().from(applications).where(eq(applications.agentId, camille.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.message).toBe(MESSAGE);

    const mine = await listMyApplications(db, camille);
    expect(mine[0]).toMatchObject({ id: applicationId, missionState: "publiee", state: "active", administrationName: "Mairie de Saint-Brieuc" });
  });

  it("refuse les missions non publiées, invisibles ou proposées par soi-même", async () => {
    // A draft of one's own administration is visible but not open.
    await expect(applyToMission(db, thomas, { missionId: DRAFT_INTERIEUR, message: MESSAGE })).rejects.toThrow(
      "Cette mission n'est pas ouverte aux candidatures : seules les missions publiées le sont.",
    );
    await expect(applyToMission(db, camille, { missionId: DRAFT_INTERIEUR, message: MESSAGE })).rejects.toThrow(DomainError);
    // Another administration's submitted mission is not even visible.
    await expect(applyToMission(db, camille, { missionId: SUBMITTED_CHU_LILLE, message: MESSAGE })).rejects.toThrow(NotFoundError);
    await expect(applyToMission(db, yann, { missionId: PUBLISHED_SAINT_BRIEUC, message: MESSAGE })).rejects.toThrow(
      "Vous avez proposé cette mission : vous ne pouvez pas vous y positionner.",
    );
    const withoutAgentRole = { ...camille, roles: [] };
    await expect(applyToMission(db, withoutAgentRole, { missionId: PUBLISHED_SAINT_BRIEUC, message: MESSAGE })).rejects.toThrow(AuthorizationError);
    const stored = await db.select().from(applications).where(eq(applications.missionId, DRAFT_INTERIEUR));
    expect(stored).toHaveLength(0);
  });

  it("montre les candidats au demandeur (sans données personnelles) et à la DINUM, à personne d'autre", async () => {
    const forDemandeur = await listMissionApplications(db, yann, PUBLISHED_SAINT_BRIEUC);
    expect(forDemandeur.showsIdentity).toBe(false);
    expect(forDemandeur.items).toEqual([
      expect.objectContaining({ agentName: "Candidature n° 1", agentEmail: null, agentAdministration: "Ministère de l'Intérieur — DNUM", message: MESSAGE }),
    ]);
    const forDinum = await listMissionApplications(db, claire, PUBLISHED_SAINT_BRIEUC);
    expect(forDinum.items[0]).toMatchObject({ agentName: "Camille Durand", agentEmail: "camille.durand@interieur.gouv.fr" });
    await expect(listMissionApplications(db, thomas, PUBLISHED_SAINT_BRIEUC)).rejects.toThrow(AuthorizationError);
    await expect(listMissionApplications(db, camille, SUBMITTED_CHU_LILLE)).rejects.toThrow(NotFoundError);
  });

  it("laisse l'agent retirer sa candidature une fois, puis se repositionner", async () => {
    const active = await findMyActiveApplication(db, camille, PUBLISHED_SAINT_BRIEUC);
    await expect(withdrawApplication(db, thomas, { applicationId: active!.id })).rejects.toThrow(NotFoundError);
    await withdrawApplication(db, camille, { applicationId: active!.id });
    await expect(withdrawApplication(db, camille, { applicationId: active!.id })).rejects.toThrow("Vous avez déjà retiré cette candidature.");
    expect(await findMyActiveApplication(db, camille, PUBLISHED_SAINT_BRIEUC)).toBeNull();
    expect((await listMissionApplications(db, yann, PUBLISHED_SAINT_BRIEUC)).items).toHaveLength(0);
    expect((await listMyApplications(db, camille))[0]?.state).toBe("retiree");

    const again = await applyToMission(db, camille, { missionId: PUBLISHED_SAINT_BRIEUC, message: "Je suis de nouveau disponible en mars." });
    expect(again.applicationId).toBe(active!.id);
    const [row] = await db
      .select()
      .from(applications)
      .where(and(eq(applications.missionId, PUBLISHED_SAINT_BRIEUC), eq(applications.agentId, camille.id)));
    expect(row).toMatchObject({ state: "active", message: "Je suis de nouveau disponible en mars.", withdrawnAt: null });
  });

  it("ne crée qu'une candidature quand deux clics arrivent en même temps", async () => {
    const mission = seedUuid("mission:durcissement-debian-sarthe");
    const results = await Promise.allSettled([
      applyToMission(db, thomas, { missionId: mission, message: MESSAGE }),
      applyToMission(db, thomas, { missionId: mission, message: MESSAGE }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rows = await db.select().from(applications).where(and(eq(applications.missionId, mission), eq(applications.agentId, thomas.id)));
    expect(rows).toHaveLength(1);
  });
});

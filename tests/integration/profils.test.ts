import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { profileSchema, type ProfileValues } from "@/features/profils/schemas";
import { getProfile, saveProfile } from "@/features/profils/service";
import { fieldErrorsOf } from "@/server/actions/action";
import { AuthorizationError, type CurrentUser, type Role } from "@/server/auth/roles";
import { agentProfiles, auditLog, users } from "@/server/db/schema";
import { seedDemoData, seedUuid } from "@/server/db/seed";
import { DomainError } from "@/server/errors";
import { describeOnBothDatabases } from "./support/databases";

function currentUser(id: string, email: string, roles: Role[]): CurrentUser {
  return { id, email, givenName: "Test", usualName: "Test", displayName: "Test", administrationId: null, administrationName: null, roles };
}

const camille = currentUser(seedUuid("user:demo-agent-camille"), "camille.durand@interieur.gouv.fr", ["agent"]);
const claire = currentUser(seedUuid("user:demo-dinum-claire"), "claire.bernard@numerique.gouv.fr", ["agent", "dinum"]);

const validProfile: ProfileValues = {
  skills: [
    { label: "Sécurité des systèmes d'information", conceptId: "securite-si", level: "expert" },
    { label: "Tricot de câbles réseau", conceptId: null, level: "notions" },
  ],
  presentation: "Vingt ans d'exploitation de serveurs Linux dans une préfecture, puis responsable sécurité d'un petit service.",
  hoursPerMonth: 12,
  availableFrom: "2026-01-05",
  availableUntil: "2026-06-30",
  rhythm: "recurrente",
  workMode: "mixte",
  places: ["Lyon", "Villeurbanne"],
  managerName: "Sophie Martin",
  managerEmail: "sophie.martin@interieur.gouv.fr",
  visibility: "ouvert",
};

describeOnBothDatabases("profil de talents", (database) => {
  let newcomer: CurrentUser;

  beforeAll(async () => {
    const { db } = database();
    await seedDemoData(db);
    const [row] = await db
      .insert(users)
      .values({ proconnectSub: "sub-nouvelle", idpId: "test", email: "nadia.benali@culture.gouv.fr", givenName: "Nadia", usualName: "Benali" })
      .returning();
    newcomer = currentUser(row!.id, row!.email, ["agent"]);
  });

  it("refuse une saisie invalide avec un message en français sur chaque champ", () => {
    const result = profileSchema.safeParse({
      ...validProfile,
      skills: [],
      presentation: "Trop court",
      hoursPerMonth: 120,
      availableFrom: "2026-06-30",
      availableUntil: "2026-01-05",
      workMode: "sur_site",
      places: [],
      managerName: "",
      managerEmail: "pas-une-adresse",
      visibility: "cache",
    });
    expect(result.success).toBe(false);
    const errors = fieldErrorsOf(result.error!);
    expect(errors.skills).toEqual(["Ajoutez au moins une compétence."]);
    expect(errors.presentation).toEqual(["Présentez votre expérience en 50 caractères au moins."]);
    expect(errors.hoursPerMonth).toEqual(["80 heures par mois au plus."]);
    expect(errors.managerName).toEqual(["Indiquez le nom de votre responsable."]);
    expect(errors.managerEmail?.[0]).toMatch(/^Saisissez une adresse électronique valide/);
    expect(errors.visibility).toEqual(["Choisissez si votre profil est ouvert ou en pause."]);
    // Cross-field rules show together with the other errors.
    expect(errors.availableUntil).toEqual(["La fin de disponibilité doit être après son début."]);
    expect(errors.places).toEqual(["Indiquez au moins une ville où vous pouvez vous déplacer."]);
  });

  it("refuse les textes trop longs, les niveaux inconnus et les doublons de compétences", () => {
    const result = profileSchema.safeParse({
      ...validProfile,
      presentation: "x".repeat(3001),
      hoursPerMonth: Number.NaN,
      skills: [
        { label: "Python", conceptId: "python", level: "gourou" },
        { label: "Python", conceptId: "python", level: "expert" },
      ],
    });
    const errors = fieldErrorsOf(result.error!);
    expect(errors.presentation).toEqual(["Votre présentation fait au plus 3000 caractères."]);
    expect(errors.hoursPerMonth).toEqual(["Indiquez un nombre d'heures par mois."]);
    expect(errors["skills.0.level"]).toEqual(["Choisissez un niveau : notions, autonome ou expert."]);
    const duplicates = profileSchema.safeParse({ ...validProfile, skills: [validProfile.skills[0], validProfile.skills[0]] });
    expect(fieldErrorsOf(duplicates.error!)["skills.1.label"]).toEqual(["Cette compétence figure déjà dans la liste."]);
  });

  it("accepte un profil entièrement à distance sans lieu ni dates", () => {
    const result = profileSchema.safeParse({ ...validProfile, workMode: "distance", places: [], availableFrom: "", availableUntil: "" });
    expect(result.success).toBe(true);
  });

  it("crée le profil au premier enregistrement, puis le remplace sans doublon (upsert idempotent)", async () => {
    const { db } = database();
    const blank = await getProfile(db, newcomer, newcomer.id);
    expect(blank.updatedAt).toBeNull();
    expect(blank.values.skills).toEqual([]);

    const first = await saveProfile(db, newcomer, newcomer.id, profileSchema.parse(validProfile));
    await new Promise((resolve) => setTimeout(resolve, 15));
    const second = await saveProfile(db, newcomer, newcomer.id, profileSchema.parse(validProfile));
    expect(second.values).toEqual(first.values);
    expect(second.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());

    const rows = await db.select().from(agentProfiles).where(eq(agentProfiles.userId, newcomer.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.skills).toEqual(validProfile.skills);
    expect(rows[0]!.availableFrom).toBe("2026-01-05");
    expect(rows[0]!.places).toEqual(["Lyon", "Villeurbanne"]);

    const reread = await getProfile(db, newcomer, newcomer.id);
    expect(reread.values).toEqual(validProfile);
    expect(reread.updatedAt?.getTime()).toBe(second.updatedAt.getTime());
  });

  it("enregistre une période vide comme absente et l'adresse du responsable en minuscules", async () => {
    const { db } = database();
    const saved = await saveProfile(
      db,
      newcomer,
      newcomer.id,
      profileSchema.parse({ ...validProfile, availableFrom: "", availableUntil: "", managerEmail: "  Sophie.Martin@Interieur.gouv.fr " }),
    );
    expect(saved.values.availableFrom).toBe("");
    const [row] = await db.select().from(agentProfiles).where(eq(agentProfiles.userId, newcomer.id));
    expect(row?.availableFrom).toBeNull();
    expect(row?.managerEmail).toBe("sophie.martin@interieur.gouv.fr");
  });

  it("audite la création du profil et tout changement de responsable", async () => {
    const { db } = database();
    await saveProfile(db, newcomer, newcomer.id, profileSchema.parse({ ...validProfile, managerEmail: "paul.roux@culture.gouv.fr" }));
    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "agent_profile"), eq(auditLog.entityId, newcomer.id)))
      .orderBy(auditLog.id);
    expect(entries.map((entry) => entry.action)).toEqual(["profil.cree", "profil.responsable_modifie"]);
    expect(entries[1]?.details).toMatchObject({ responsableAvant: "sophie.martin@interieur.gouv.fr", responsableApres: "paul.roux@culture.gouv.fr" });
  });

  it("interdit à un agent de lire ou de modifier le profil d'un autre, sans rien changer", async () => {
    const { db } = database();
    const [before] = await db.select().from(agentProfiles).where(eq(agentProfiles.userId, camille.id));
    await expect(getProfile(db, newcomer, camille.id)).rejects.toBeInstanceOf(AuthorizationError);
    await expect(saveProfile(db, newcomer, camille.id, profileSchema.parse(validProfile))).rejects.toBeInstanceOf(AuthorizationError);
    // DINUM reads profiles to review matches, but does not write them.
    await expect(getProfile(db, claire, camille.id)).resolves.toMatchObject({ values: { managerName: before!.managerName } });
    await expect(saveProfile(db, claire, camille.id, profileSchema.parse(validProfile))).rejects.toBeInstanceOf(AuthorizationError);
    const [after] = await db.select().from(agentProfiles).where(eq(agentProfiles.userId, camille.id));
    expect(after).toEqual(before);
  });

  it("refuse l'adresse de l'agent comme adresse du responsable, sur le champ, sans rien enregistrer", async () => {
    const { db } = database();
    const [before] = await db.select().from(agentProfiles).where(eq(agentProfiles.userId, camille.id));
    const attempt = saveProfile(db, camille, camille.id, profileSchema.parse({ ...validProfile, managerEmail: "Camille.Durand@interieur.gouv.fr" }));
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await attempt.catch((error: DomainError) => {
      expect(error.fieldErrors?.managerEmail?.[0]).toMatch(/^Indiquez l'adresse de votre responsable, pas la vôtre/);
    });
    const [after] = await db.select().from(agentProfiles).where(eq(agentProfiles.userId, camille.id));
    expect(after).toEqual(before);
  });

  it("réserve le profil de talents aux agents", async () => {
    const { db } = database();
    const notAgent = { ...newcomer, roles: ["demandeur"] as Role[] };
    await expect(saveProfile(db, notAgent, newcomer.id, profileSchema.parse(validProfile))).rejects.toThrow("réservé aux agents");
  });
});

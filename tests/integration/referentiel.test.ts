import { and, count, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { conceptListQuerySchema, conceptSchema, convertFreeTagSchema } from "@/features/referentiel/schemas";
import {
  conceptSlug,
  convertFreeTag,
  createConcept,
  currentReferentiel,
  getConcept,
  listConcepts,
  listFreeTags,
  suggestSkills,
  updateConcept,
} from "@/features/referentiel/service";
import { fieldErrorsOf } from "@/server/actions/action";
import { AuthorizationError, type CurrentUser, type Role } from "@/server/auth/roles";
import type { Database } from "@/server/db/client";
import { agentProfiles, auditLog, missions, skillConcepts, type ProfileSkill } from "@/server/db/schema";
import { seedDemoData, seedUuid } from "@/server/db/seed";
import { DomainError } from "@/server/errors";
import { describeOnBothDatabases } from "./support/databases";

function currentUser(id: string, email: string, roles: Role[]): CurrentUser {
  return { id, email, givenName: "Test", usualName: "Test", displayName: "Test", administrationId: null, administrationName: null, roles };
}

const claire = currentUser(seedUuid("user:demo-dinum-claire"), "claire.bernard@numerique.gouv.fr", ["agent", "dinum"]);
const camille = currentUser(seedUuid("user:demo-agent-camille"), "camille.durand@interieur.gouv.fr", ["agent"]);
const yann = currentUser(seedUuid("user:demo-demandeur-yann"), "yann.le-goff@saint-brieuc.fr", ["agent", "demandeur"]);

const allConcepts = conceptListQuerySchema.parse({});

async function conceptCount(db: Database) {
  const [row] = await db.select({ n: count() }).from(skillConcepts);
  return row!.n;
}

async function auditOf(db: Database, entityId: string) {
  return db.select().from(auditLog).where(and(eq(auditLog.entityType, "skill_concept"), eq(auditLog.entityId, entityId))).orderBy(auditLog.id);
}

/** Adds free skills to a profile and a mission, with the spellings people really type. */
async function addFreeSkills(db: Database, profileLabels: string[], missionLabels: string[]) {
  const [profile] = await db.select().from(agentProfiles).where(eq(agentProfiles.userId, camille.id));
  await db
    .update(agentProfiles)
    .set({ skills: [...profile!.skills, ...profileLabels.map((label): ProfileSkill => ({ label, conceptId: null, level: "autonome" }))] })
    .where(eq(agentProfiles.userId, camille.id));
  const [mission] = await db.select().from(missions).where(eq(missions.authorId, yann.id)).limit(1);
  await db
    .update(missions)
    .set({ skills: [...mission!.skills, ...missionLabels.map((label) => ({ label, conceptId: null, required: true, level: "autonome" as const }))] })
    .where(eq(missions.id, mission!.id));
  return { missionId: mission!.id };
}

describeOnBothDatabases("référentiel des compétences", (database) => {
  beforeAll(async () => {
    await seedDemoData(database().db);
  });

  it("est chargé avec au moins 150 concepts, et la DINUM le parcourt par page, recherche, famille et tri", async () => {
    const { db } = database();
    const firstPage = await listConcepts(db, claire, allConcepts, 25);
    expect(firstPage.total).toBeGreaterThanOrEqual(150);
    expect(firstPage.rows).toHaveLength(25);
    expect(firstPage.pageCount).toBe(Math.ceil(firstPage.total / 25));

    const secondPage = await listConcepts(db, claire, { ...allConcepts, page: 2 }, 25);
    expect(secondPage.rows.map((row) => row.id)).not.toContain(firstPage.rows[0]!.id);

    // Accents, case and synonyms: "securite" finds « Sécurité… », "gdpr" finds the RGPD concept by its English term.
    const security = await listConcepts(db, claire, conceptListQuerySchema.parse({ q: "securite" }));
    expect(security.rows.some((row) => row.label.startsWith("Sécurité"))).toBe(true);
    const gdpr = await listConcepts(db, claire, conceptListQuerySchema.parse({ q: "GDPR" }));
    expect(gdpr.rows.map((row) => row.family)).toContain("rgpd");

    const cms = await listConcepts(db, claire, conceptListQuerySchema.parse({ famille: "cms", tri: "label", ordre: "desc" }));
    expect(cms.rows.length).toBeGreaterThan(0);
    expect(cms.rows.every((row) => row.family === "cms" && row.familyLabel === "CMS et sites web")).toBe(true);
    const cmsLabels = cms.rows.map((row) => row.label);
    expect(cmsLabels[0]! >= cmsLabels[cmsLabels.length - 1]!).toBe(true);

    // Search params from the URL are sanitised: an unknown family or sort falls back to defaults.
    expect(conceptListQuerySchema.parse({ famille: "inconnue", tri: "x", page: "-3" })).toEqual(allConcepts);
  });

  it("n'ouvre le référentiel qu'à la DINUM", async () => {
    const { db } = database();
    await expect(listConcepts(db, camille, allConcepts)).rejects.toBeInstanceOf(AuthorizationError);
    await expect(getConcept(db, camille, "python")).rejects.toBeInstanceOf(AuthorizationError);
    await expect(listFreeTags(db, yann)).rejects.toBeInstanceOf(AuthorizationError);
  });

  it("refuse une saisie invalide avec des messages en français sur les champs", () => {
    const result = conceptSchema.safeParse({ label: "x", family: "astrologie", synonyms: `${"a".repeat(81)}\nb`, acronyms: "", english: "" });
    const errors = fieldErrorsOf(result.error!);
    expect(errors.label).toEqual(["Le libellé fait au moins 2 caractères."]);
    expect(errors.family).toEqual(["Choisissez une famille de la liste."]);
    expect(errors.synonyms).toEqual(["Chaque terme fait au plus 80 caractères."]);
    const conversion = convertFreeTagSchema.safeParse({ mode: "synonyme", freeTag: "", conceptId: "" });
    const conversionErrors = fieldErrorsOf(conversion.error!);
    expect(conversionErrors.freeTag).toEqual(["Compétence libre manquante."]);
    expect(conversionErrors.conceptId).toBeDefined();
  });

  it("lit synonymes, sigles et termes anglais une ligne ou une virgule par terme, sans doublon", () => {
    const parsed = conceptSchema.parse({ label: "  Matomo  ", family: "web-front", synonyms: "mesure d'audience\n Matomo Analytics , mesure d'audience", acronyms: "", english: "web analytics" });
    expect(parsed).toEqual({ label: "Matomo", family: "web-front", synonyms: ["mesure d'audience", "Matomo Analytics"], acronyms: [], english: ["web analytics"] });
  });

  it("crée un concept identifié par le slug de son libellé, audité, et refuse un libellé existant", async () => {
    const { db } = database();
    const input = conceptSchema.parse({ label: "Matomo (mesure d'audience)", family: "web-front", synonyms: "Piwik", acronyms: "", english: "web analytics" });
    const created = await createConcept(db, claire, input);
    expect(created.id).toBe("matomo-mesure-d-audience");
    expect(conceptSlug("Sécurité des SI")).toBe("securite-des-si");
    const [audit] = await auditOf(db, created.id);
    expect(audit).toMatchObject({ action: "referentiel.concept_cree", actorUserId: claire.id });

    const before = await conceptCount(db);
    const duplicate = createConcept(db, claire, { ...input, label: "MATOMO (Mesure d’audience)".replace("’", "'") });
    await expect(duplicate).rejects.toBeInstanceOf(DomainError);
    await duplicate.catch((error: DomainError) => expect(error.fieldErrors?.label?.[0]).toMatch(/déjà celui du concept/));
    expect(await conceptCount(db)).toBe(before);
  });

  it("refuse toute modification à un agent qui n'est pas de la DINUM, sans rien changer", async () => {
    const { db } = database();
    const before = await conceptCount(db);
    const [python] = await db.select().from(skillConcepts).where(eq(skillConcepts.id, "python"));
    const input = conceptSchema.parse({ label: "Python piraté", family: "developpement", synonyms: "", acronyms: "", english: "" });
    await expect(createConcept(db, camille, input)).rejects.toBeInstanceOf(AuthorizationError);
    await expect(updateConcept(db, camille, "python", input)).rejects.toBeInstanceOf(AuthorizationError);
    await expect(convertFreeTag(db, yann, { mode: "concept", freeTag: "Python piraté", family: "developpement" })).rejects.toBeInstanceOf(
      AuthorizationError,
    );
    expect(await conceptCount(db)).toBe(before);
    const [after] = await db.select().from(skillConcepts).where(eq(skillConcepts.id, "python"));
    expect(after).toEqual(python);
    expect((await auditOf(db, "python")).length).toBe(0);
  });

  it("modifie un concept en gardant son identifiant, date la modification et l'audite avec l'avant et l'après", async () => {
    const { db } = database();
    const [before] = await db.select().from(skillConcepts).where(eq(skillConcepts.id, "wordpress"));
    const input = conceptSchema.parse({ label: "WordPress", family: "cms", synonyms: [...before!.synonyms, "WP multisite"].join("\n"), acronyms: "WP", english: "" });
    const updated = await updateConcept(db, claire, "wordpress", input);
    expect(updated.id).toBe("wordpress");
    expect(updated.synonyms).toContain("WP multisite");
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThan(before!.updatedAt.getTime());
    const [audit] = await auditOf(db, "wordpress");
    expect(audit?.action).toBe("referentiel.concept_modifie");
    expect(audit?.details).toMatchObject({ avant: { synonyms: before!.synonyms }, apres: { acronyms: ["WP"] } });

    await expect(updateConcept(db, claire, "concept-inexistant", input)).rejects.toThrow("Concept introuvable.");
    await expect(updateConcept(db, claire, "wordpress", { ...input, label: "Drupal" })).rejects.toBeInstanceOf(DomainError);
  });

  it("compte les compétences libres des profils et des missions, regroupées sans accents ni casse", async () => {
    const { db } = database();
    await addFreeSkills(db, ["Tricot de câbles réseau"], ["tricot de CABLES  reseau", "Origami administratif"]);
    const page = await listFreeTags(db, claire, 1, 500);
    const tricot = page.rows.find((row) => row.key === "tricot de cables reseau");
    expect(tricot).toMatchObject({ profiles: 1, missions: 1, total: 2 });
    expect(["Tricot de câbles réseau", "tricot de CABLES reseau"]).toContain(tricot!.label);
    expect(page.rows.find((row) => row.key === "origami administratif")).toMatchObject({ profiles: 0, missions: 1, total: 1 });
    expect(page.total).toBe(page.rows.length);
    // Most used first.
    const totals = page.rows.map((row) => row.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    const small = await listFreeTags(db, claire, 2, 1);
    expect(small.total).toBe(page.total);
    expect(small.rows).toHaveLength(1);
  });

  it("tient le décompte des compétences libres à jour à chaque écriture : ajout, modification, suppression", async () => {
    const { db } = database();
    const { missionId } = await addFreeSkills(db, ["Cuisine  moléculaire ", "Apiculture"], ["APICULTURE"]);
    // Camille drops one free tag and keeps the other; the mission is deleted.
    const [profile] = await db.select().from(agentProfiles).where(eq(agentProfiles.userId, camille.id));
    await db
      .update(agentProfiles)
      .set({ skills: profile!.skills.filter((skill) => skill.label !== "Apiculture") })
      .where(eq(agentProfiles.userId, camille.id));
    await db.delete(missions).where(eq(missions.id, missionId));

    // Recounted independently from the rows, as the list would be without its counts.
    const fold = (label: string) => label.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim().replace(/\s+/g, " ");
    const expected = new Map<string, { profiles: number; missions: number }>();
    const add = (label: string, source: "profiles" | "missions") => {
      if (!label.trim()) return;
      const counts = expected.get(fold(label)) ?? { profiles: 0, missions: 0 };
      counts[source] += 1;
      expected.set(fold(label), counts);
    };
    for (const row of await db.select({ skills: agentProfiles.skills }).from(agentProfiles)) {
      for (const skill of row.skills) if (!skill.conceptId) add(skill.label, "profiles");
    }
    for (const row of await db.select({ skills: missions.skills }).from(missions)) {
      for (const skill of row.skills) if (!skill.conceptId) add(skill.label, "missions");
    }
    const page = await listFreeTags(db, claire, 1, 1000);
    expect(new Map(page.rows.map((row) => [row.key, { profiles: row.profiles, missions: row.missions }]))).toEqual(expected);
    expect(expected.get("cuisine moleculaire")).toEqual({ profiles: 1, missions: 0 });
    expect(expected.has("apiculture")).toBe(false);
  });

  it("transforme une compétence libre en concept : profils et missions pointent vers lui, dans la même transaction, audité", async () => {
    const { db } = database();
    const { missionId } = await addFreeSkills(db, ["Gravure laser"], ["gravure LASER"]);
    const result = await convertFreeTag(db, claire, convertFreeTagSchema.parse({ mode: "concept", freeTag: "Gravure laser", family: "hors-numerique" }));
    expect(result).toMatchObject({ conceptId: "gravure-laser", conceptLabel: "Gravure laser", profiles: 1, missions: 1 });
    const [profile] = await db.select().from(agentProfiles).where(eq(agentProfiles.userId, camille.id));
    expect(profile!.skills.find((skill) => skill.label === "Gravure laser")?.conceptId).toBe("gravure-laser");
    // Other skills keep their order and their concept.
    expect(profile!.skills[0]?.label).not.toBe("Gravure laser");
    const [mission] = await db.select().from(missions).where(eq(missions.id, missionId));
    expect(mission!.skills.find((skill) => skill.label === "gravure LASER")).toMatchObject({ conceptId: "gravure-laser", required: true });
    const [audit] = await auditOf(db, "gravure-laser");
    expect(audit).toMatchObject({ action: "referentiel.etiquette_devenue_concept", actorUserId: claire.id });
    expect(audit?.details).toMatchObject({ etiquette: "Gravure laser", profils: 1, missions: 1 });
    expect((await listFreeTags(db, claire, 1, 500)).rows.some((row) => row.key === "gravure laser")).toBe(false);
  });

  it("ajoute une compétence libre comme synonyme d'un concept existant et rattache les compétences qui la portent", async () => {
    const { db } = database();
    await addFreeSkills(db, ["Wordpresse"], []);
    const [profileBefore] = await db.select({ updatedAt: agentProfiles.updatedAt }).from(agentProfiles).where(eq(agentProfiles.userId, camille.id));
    const result = await convertFreeTag(db, claire, { mode: "synonyme", freeTag: "Wordpresse", conceptId: "wordpress" });
    expect(result).toMatchObject({ conceptId: "wordpress", profiles: 1, missions: 0 });
    const [concept] = await db.select().from(skillConcepts).where(eq(skillConcepts.id, "wordpress"));
    expect(concept!.synonyms).toContain("Wordpresse");
    const [profile] = await db.select().from(agentProfiles).where(eq(agentProfiles.userId, camille.id));
    expect(profile!.skills.find((skill) => skill.label === "Wordpresse")?.conceptId).toBe("wordpress");
    // The matching engine re-indexes the profile.
    expect(profile!.updatedAt.getTime()).toBeGreaterThan(profileBefore!.updatedAt.getTime());
    const audits = await auditOf(db, "wordpress");
    expect(audits.at(-1)).toMatchObject({ action: "referentiel.etiquette_devenue_synonyme", details: { etiquette: "Wordpresse", profils: 1 } });

    const missing = convertFreeTag(db, claire, { mode: "synonyme", freeTag: "Wordpresse", conceptId: "n-existe-pas" });
    await expect(missing).rejects.toBeInstanceOf(DomainError);
  });

  it("ne convertit rien si la création du concept échoue (tout ou rien)", async () => {
    const { db } = database();
    await addFreeSkills(db, ["Python"], []);
    // "Python" is already the label of a concept: the conversion is refused and no skill is touched.
    await expect(convertFreeTag(db, claire, { mode: "concept", freeTag: "python", family: "developpement" })).rejects.toBeInstanceOf(DomainError);
    const [profile] = await db.select().from(agentProfiles).where(eq(agentProfiles.userId, camille.id));
    expect(profile!.skills.filter((skill) => skill.label === "Python" && skill.conceptId === null)).toHaveLength(1);
  });

  it("suggère des concepts du référentiel stocké, sans accents ni fautes, et voit aussitôt les modifications", async () => {
    const { db } = database();
    const security = await suggestSkills(db, "securite");
    expect(security[0]).toMatchObject({ conceptId: "securite-si", familyLabel: "Sécurité des systèmes d'information" });
    expect((await suggestSkills(db, "wordpres"))[0]?.conceptId).toBe("wordpress");
    expect(await suggestSkills(db, "   ")).toEqual([]);

    const cached = await currentReferentiel(db);
    expect(await currentReferentiel(db)).toBe(cached);
    // An edit (here, or by another instance behind the load balancer) changes the table's signature.
    await createConcept(db, claire, conceptSchema.parse({ label: "Kubernetes avancé Zorglub", family: "cloud-devops", synonyms: "", acronyms: "", english: "" }));
    expect(await currentReferentiel(db)).not.toBe(cached);
    expect((await suggestSkills(db, "zorglub"))[0]?.label).toBe("Kubernetes avancé Zorglub");
    // A synonym added by a free-tag conversion is found too.
    expect((await suggestSkills(db, "wordpresse"))[0]?.conceptId).toBe("wordpress");
  });
});

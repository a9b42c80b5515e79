import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/server/actions/action";
import { AuthorizationError, type CurrentUser, type Role } from "@/server/auth/roles";
import type { Database } from "@/server/db/client";
import { administrations, auditLog, missions, users } from "@/server/db/schema";
import { seedDemoData, seedUuid } from "@/server/db/seed";
import { DomainError, NotFoundError } from "@/server/errors";
import { EMPTY_MISSION, saveMissionDraftSchema, submitMissionSchema, type MissionFormValues } from "@/features/missions/schemas";
import { parseCatalogueQuery, parseDinumMissionsQuery } from "@/features/missions/search-params";
import {
  archiveMission,
  countMissionsByState,
  getMissionForEdit,
  getMissionForViewer,
  ADMINISTRATION_PAGE_SIZE,
  listAdministrationMissions,
  listAllMissions,
  listModerationQueue,
  MODERATION_PAGE_SIZE,
  publishMission,
  returnMissionForChanges,
  saveMissionDraft,
  searchCatalogue,
  submitMission,
} from "@/features/missions/service";
import { resetPublishedMissions } from "@/features/appariement/missions-store";
import { describeOnBothDatabases } from "./support/databases";

const EMAILS = {
  yann: "yann.le-goff@saint-brieuc.fr",
  claire: "claire.bernard@numerique.gouv.fr",
  camille: "camille.durand@interieur.gouv.fr",
  thomas: "thomas.nguyen@interieur.gouv.fr",
} as const;

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

function completeMission(overrides: Partial<MissionFormValues> = {}): MissionFormValues {
  return {
    ...EMPTY_MISSION,
    title: "Renforcer la sécurité de la messagerie municipale",
    context: "La mairie héberge sa messagerie et a subi deux campagnes d'hameçonnage cette année.",
    description:
      "Revoir la configuration du serveur de messagerie (SPF, DKIM, DMARC), former deux techniciens et écrire une procédure de réponse aux incidents.",
    skills: [
      { label: "Durcissement et sécurisation des systèmes", conceptId: "durcissement-systeme", required: true, level: "expert" },
      { label: "Rédaction de procédures", conceptId: null, required: false, level: "autonome" },
    ],
    totalHours: 24,
    rhythm: "recurrente",
    startDate: "2027-03-01",
    endDate: "2027-05-31",
    staffingDeadline: "2027-02-15",
    workMode: "mixte",
    place: "Saint-Brieuc",
    confidentiality: "Engagement de confidentialité à signer.",
    ...overrides,
  };
}

async function missionState(db: Database, missionId: string) {
  const [row] = await db.select({ state: missions.state, comment: missions.moderationComment }).from(missions).where(eq(missions.id, missionId));
  return row;
}

describeOnBothDatabases("missions : dépôt, modération, catalogue", (database) => {
  let db: Database;
  let yann: CurrentUser;
  let claire: CurrentUser;
  let camille: CurrentUser;
  let thomas: CurrentUser;

  beforeAll(async () => {
    db = database().db;
    await seedDemoData(db);
    yann = await signedIn(db, EMAILS.yann);
    claire = await signedIn(db, EMAILS.claire, ["dinum"]);
    camille = await signedIn(db, EMAILS.camille);
    thomas = await signedIn(db, EMAILS.thomas);
  });

  describe("schémas partagés par le formulaire et l'action", () => {
    it("accepte un brouillon avec un simple titre et refuse un titre vide, en français", () => {
      expect(saveMissionDraftSchema.safeParse({ ...EMPTY_MISSION, title: "Site de la médiathèque" }).success).toBe(true);
      const refused = saveMissionDraftSchema.safeParse({ ...EMPTY_MISSION, title: "   " });
      expect(refused.success).toBe(false);
      expect(fieldErrorsOf(refused.error!)).toEqual({ title: ["Donnez un titre à la mission, même provisoire."] });
    });

    it("vérifie la cohérence des dates dès le brouillon", () => {
      const refused = saveMissionDraftSchema.safeParse({
        ...EMPTY_MISSION,
        title: "Brouillon",
        startDate: "2027-03-10",
        endDate: "2027-03-01",
        staffingDeadline: "2027-04-01",
      });
      expect(fieldErrorsOf(refused.error!)).toEqual({
        endDate: ["La date de fin doit être le jour du début ou après."],
        staffingDeadline: ["La date limite pour trouver un agent doit être au plus tard le jour du début."],
      });
    });

    it("exige à la soumission tout ce que la modération doit juger, champ par champ", () => {
      const refused = submitMissionSchema.safeParse({ ...EMPTY_MISSION, title: "Incomplète", workMode: "sur_site", totalHours: 500 });
      const errors = fieldErrorsOf(refused.error!);
      expect(errors.skills).toEqual(["Ajoutez au moins une compétence indispensable."]);
      expect(errors.place).toEqual(["Indiquez le lieu : la mission n'est pas entièrement à distance."]);
      expect(errors.totalHours).toEqual(["400 heures au maximum pour une mission."]);
      expect(errors.startDate).toEqual(["Indiquez la date de début."]);
      expect(errors.endDate).toEqual(["Indiquez la date de fin."]);
      expect(errors.staffingDeadline).toEqual(["Indiquez la date limite pour trouver un agent."]);
      expect(errors.description?.[0]).toMatch(/^Décrivez la mission/);

      const onlyNiceToHave = completeMission({
        skills: [{ label: "WordPress", conceptId: "wordpress", required: false, level: "autonome" }],
      });
      expect(fieldErrorsOf(submitMissionSchema.safeParse(onlyNiceToHave).error!)).toEqual({
        skills: ["Ajoutez au moins une compétence indispensable."],
      });
      expect(submitMissionSchema.safeParse(completeMission({ workMode: "distance", place: "" })).success).toBe(true);
      expect(fieldErrorsOf(submitMissionSchema.safeParse(completeMission({ title: "x".repeat(151) })).error!).title).toEqual([
        "Titre : 150 caractères au maximum.",
      ]);
    });
  });

  describe("dépôt par un demandeur", () => {
    it("enregistre un brouillon incomplet, le reprend, et fait du premier dépôt un demandeur", async () => {
      expect(camille.roles).not.toContain("demandeur");
      const { missionId } = await saveMissionDraft(db, camille, { ...EMPTY_MISSION, title: "Aide sur Kubernetes" });
      const [row] = await db.select().from(missions).where(eq(missions.id, missionId));
      expect(row).toMatchObject({ state: "brouillon", title: "Aide sur Kubernetes", administrationId: camille.administrationId, authorId: camille.id });
      const [stored] = await db.select({ roles: users.roles }).from(users).where(eq(users.id, camille.id));
      expect(stored?.roles).toEqual(["agent", "demandeur"]);

      const asDemandeur = { ...camille, roles: [...camille.roles, "demandeur" as const] };
      await saveMissionDraft(db, asDemandeur, { ...EMPTY_MISSION, missionId, title: "Aide sur Kubernetes", totalHours: 12 });
      const resumed = await getMissionForEdit(db, asDemandeur, missionId);
      expect(resumed.totalHours).toBe(12);
      expect(resumed.startDate).toBeNull();
    });

    it("laisse tout demandeur de la même administration modifier la mission, et personne d'autre", async () => {
      const draft = await saveMissionDraft(db, yann, { ...EMPTY_MISSION, title: "Refonte de l'intranet" });
      const [colleagueRow] = await db
        .insert(users)
        .values({ proconnectSub: "collegue-yann", idpId: "test", email: "collegue@saint-brieuc.fr", administrationId: yann.administrationId, roles: ["agent", "demandeur"] })
        .returning();
      const colleague = await signedIn(db, colleagueRow!.email);
      await saveMissionDraft(db, colleague, { ...EMPTY_MISSION, missionId: draft.missionId, title: "Refonte de l'intranet municipal" });
      expect((await getMissionForEdit(db, yann, draft.missionId)).title).toBe("Refonte de l'intranet municipal");

      // Another administration does not even see the draft.
      const thomasAsDemandeur = { ...thomas, roles: [...thomas.roles, "demandeur" as const] };
      await expect(saveMissionDraft(db, thomasAsDemandeur, { ...EMPTY_MISSION, missionId: draft.missionId, title: "Piratée" })).rejects.toThrow(NotFoundError);
      await expect(submitMission(db, thomasAsDemandeur, completeMission({ missionId: draft.missionId }))).rejects.toThrow(NotFoundError);
      // A member of the administration without the demandeur role may not edit.
      const [plainRow] = await db
        .insert(users)
        .values({ proconnectSub: "agent-saint-brieuc", idpId: "test", email: "agent@saint-brieuc.fr", administrationId: yann.administrationId, roles: ["agent"] })
        .returning();
      const plainAgent = await signedIn(db, plainRow!.email);
      await expect(saveMissionDraft(db, plainAgent, { ...EMPTY_MISSION, missionId: draft.missionId, title: "Non" })).rejects.toThrow(AuthorizationError);
      // DINUM moderates but does not write the demandeur's mission.
      await expect(saveMissionDraft(db, claire, { ...EMPTY_MISSION, missionId: draft.missionId, title: "Non" })).rejects.toThrow(AuthorizationError);
      expect((await getMissionForEdit(db, yann, draft.missionId)).title).toBe("Refonte de l'intranet municipal");
    });

    it("refuse de modifier une mission publiée d'une autre administration", async () => {
      const published = seedUuid("mission:durcissement-debian-sarthe");
      await expect(submitMission(db, yann, completeMission({ missionId: published }))).rejects.toThrow(AuthorizationError);
      expect((await missionState(db, published))?.state).toBe("publiee");
    });

    it("refuse une mission à qui n'a pas d'administration connue", async () => {
      const orphan = { ...yann, id: camille.id, administrationId: null };
      await expect(saveMissionDraft(db, orphan, { ...EMPTY_MISSION, title: "Sans administration" })).rejects.toThrow(
        /Votre administration n'est pas connue/,
      );
    });
  });

  describe("modération", () => {
    it("suit le parcours soumise → à modifier → soumise → publiée, audité", async () => {
      const { missionId, state } = await submitMission(db, yann, completeMission());
      expect(state).toBe("soumise");
      expect((await listModerationQueue(db, claire)).rows.map((mission) => mission.id)).toContain(missionId);

      await expect(publishMission(db, yann, missionId)).rejects.toThrow(AuthorizationError);
      await expect(returnMissionForChanges(db, camille, { missionId, comment: "Précisez le périmètre." })).rejects.toThrow(AuthorizationError);
      await expect(submitMission(db, yann, completeMission({ missionId }))).rejects.toThrow("Cette mission est en cours de modération : elle ne peut plus être modifiée.");

      await returnMissionForChanges(db, claire, { missionId, comment: "Précisez le nombre de boîtes aux lettres concernées." });
      expect(await missionState(db, missionId)).toEqual({ state: "a_modifier", comment: "Précisez le nombre de boîtes aux lettres concernées." });
      const mine = (await listAdministrationMissions(db, yann)).rows;
      expect(mine.find((mission) => mission.id === missionId)?.moderationComment).toBe("Précisez le nombre de boîtes aux lettres concernées.");

      await submitMission(db, yann, completeMission({ missionId, description: `${completeMission().description} Environ 400 boîtes aux lettres.` }));
      expect((await missionState(db, missionId))?.state).toBe("soumise");
      await publishMission(db, claire, missionId);
      expect(await missionState(db, missionId)).toEqual({ state: "publiee", comment: null });

      const audit = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "mission"), eq(auditLog.entityId, missionId))).orderBy(auditLog.id);
      expect(audit.map((entry) => entry.action)).toEqual(["mission.soumise", "mission.renvoyee_pour_modification", "mission.soumise", "mission.publiee"]);
      expect(audit[1]).toMatchObject({ actorUserId: claire.id, actorLabel: EMAILS.claire, reason: "Précisez le nombre de boîtes aux lettres concernées." });
      expect(audit[3]?.details).toEqual({ de: "soumise", vers: "publiee" });

      await expect(publishMission(db, claire, missionId)).rejects.toThrow("Cette mission est déjà publiée.");
      await expect(saveMissionDraft(db, yann, completeMission({ missionId }))).rejects.toThrow("Cette mission est publiée : elle ne peut plus être modifiée.");
      await expect(returnMissionForChanges(db, claire, { missionId, comment: "Trop tard pour ça." })).rejects.toThrow(DomainError);
      expect((await missionState(db, missionId))?.state).toBe("publiee");
    });

    it("ne publie qu'une fois quand deux publications arrivent en même temps", async () => {
      const { missionId } = await submitMission(db, yann, completeMission({ title: "Double clic" }));
      const results = await Promise.allSettled([publishMission(db, claire, missionId), publishMission(db, claire, missionId)]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((result) => result.status === "rejected");
      expect(refused?.status === "rejected" && (refused.reason as Error).message).toBe("Cette mission est déjà publiée.");
      const published = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, missionId), eq(auditLog.action, "mission.publiee")));
      expect(published).toHaveLength(1);
    });

    it("refuse de publier un brouillon et n'y change rien", async () => {
      const { missionId } = await saveMissionDraft(db, yann, { ...EMPTY_MISSION, title: "Pas encore prête" });
      await expect(publishMission(db, claire, missionId)).rejects.toThrow("Cette mission n'a pas été soumise : elle ne peut pas encore être publiée.");
      expect((await missionState(db, missionId))?.state).toBe("brouillon");
      const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, missionId));
      expect(audit).toHaveLength(0);
    });

    it("archive avec un motif, par la DINUM ou par le demandeur, une seule fois", async () => {
      const { missionId } = await submitMission(db, yann, completeMission({ title: "À archiver" }));
      await expect(archiveMission(db, camille, { missionId, reason: "Je n'en veux pas." })).rejects.toThrow(NotFoundError);
      await archiveMission(db, claire, { missionId, reason: "Besoin couvert par un marché existant." });
      expect((await missionState(db, missionId))?.state).toBe("archivee");
      const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, missionId), eq(auditLog.action, "mission.archivee")));
      expect(entry?.reason).toBe("Besoin couvert par un marché existant.");
      await expect(archiveMission(db, claire, { missionId, reason: "Encore." })).rejects.toThrow("Cette mission est archivée : elle ne peut plus changer d'état.");

      const draft = await saveMissionDraft(db, yann, { ...EMPTY_MISSION, title: "Brouillon abandonné" });
      await archiveMission(db, yann, { missionId: draft.missionId, reason: "Finalement inutile." });
      expect((await missionState(db, draft.missionId))?.state).toBe("archivee");
    });

    it("réserve la file de modération et les compteurs à la DINUM, plus anciennes d'abord", async () => {
      await expect(listModerationQueue(db, yann)).rejects.toThrow(AuthorizationError);
      await expect(countMissionsByState(db, camille)).rejects.toThrow(AuthorizationError);
      const queue = await listModerationQueue(db, claire);
      expect(queue.total).toBeGreaterThanOrEqual(2);
      const times = queue.rows.map((mission) => mission.submittedAt!.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const counts = await countMissionsByState(db, claire);
      expect(counts.soumise).toBe(queue.total);
      expect(counts.publiee).toBeGreaterThanOrEqual(6);
    });

    it("pagine la file de modération côté serveur, sans perdre ni répéter de mission", async () => {
      for (let index = 0; index < MODERATION_PAGE_SIZE + 3; index++) {
        await submitMission(db, yann, completeMission({ title: `Mission en file numéro ${index + 1}` }));
      }
      const first = await listModerationQueue(db, claire);
      expect(first.rows).toHaveLength(MODERATION_PAGE_SIZE);
      expect(first.pageCount).toBe(Math.ceil(first.total / MODERATION_PAGE_SIZE));
      const pages = [first];
      for (let page = 2; page <= first.pageCount; page++) pages.push(await listModerationQueue(db, claire, page));
      const all = pages.flatMap((result) => result.rows);
      expect(all).toHaveLength(first.total);
      expect(new Set(all.map((mission) => mission.id)).size).toBe(first.total);
      const times = all.map((mission) => mission.submittedAt!.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      // A page past the end shows the last one rather than an empty list.
      expect((await listModerationQueue(db, claire, 999)).page).toBe(first.pageCount);
    });

    it("pagine les missions de l'administration du demandeur, les plus récemment mises à jour d'abord, avec leur nombre", async () => {
      // The queue above gave Saint-Brieuc more missions than one page holds.
      const first = await listAdministrationMissions(db, yann);
      expect(first.total).toBeGreaterThan(ADMINISTRATION_PAGE_SIZE);
      expect(first.rows).toHaveLength(ADMINISTRATION_PAGE_SIZE);
      const pages = [first];
      for (let page = 2; page <= first.pageCount; page++) pages.push(await listAdministrationMissions(db, yann, page));
      const all = pages.flatMap((result) => result.rows);
      expect(new Set(all.map((mission) => mission.id)).size).toBe(first.total);
      const times = all.map((mission) => mission.updatedAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect((await listAdministrationMissions(db, yann, 999)).page).toBe(first.pageCount);
    });
  });

  describe("visibilité d'une mission", () => {
    it("montre une mission publiée à tous, un brouillon à son administration et à la DINUM seulement", async () => {
      const published = seedUuid("mission:durcissement-debian-sarthe");
      const { mission, permissions } = await getMissionForViewer(db, camille, published);
      expect(mission.administrationName).toBe("Préfecture de la Sarthe");
      expect(permissions).toMatchObject({ mayApply: true, mayEdit: false, maySeeApplications: false });

      const draft = seedUuid("mission:suivi-demandes-communication-grist-saint-brieuc");
      await expect(getMissionForViewer(db, camille, draft)).rejects.toThrow(NotFoundError);
      expect((await getMissionForViewer(db, yann, draft)).permissions).toMatchObject({ mayEdit: true, maySeeApplications: true, mayApply: false });
      expect((await getMissionForViewer(db, claire, draft)).permissions).toMatchObject({ isDinum: true, mayEdit: false, maySeeApplications: true });
      await expect(getMissionForViewer(db, camille, "00000000-0000-4000-8000-000000000000")).rejects.toThrow("Mission introuvable.");
    });
  });

  describe("toutes les missions (DINUM)", () => {
    it("filtre par état, administration et texte, trie et pagine côté base", async () => {
      await expect(listAllMissions(db, yann, parseDinumMissionsQuery({}))).rejects.toThrow(AuthorizationError);
      const all = await listAllMissions(db, claire, parseDinumMissionsQuery({}));
      expect(all.total).toBeGreaterThan(12);
      expect(all.rows.length).toBe(Math.min(all.total, all.pageSize));

      const submitted = await listAllMissions(db, claire, parseDinumMissionsQuery({ etat: "soumise" }));
      expect(submitted.rows.every((row) => row.state === "soumise")).toBe(true);

      const saintBrieuc = await listAllMissions(db, claire, parseDinumMissionsQuery({ administration: yann.administrationId! }));
      expect(saintBrieuc.rows.every((row) => row.administrationName === "Mairie de Saint-Brieuc")).toBe(true);
      const byName = await listAllMissions(db, claire, parseDinumMissionsQuery({ administration: "saint-brieuc" }));
      expect(byName.total).toBe(saintBrieuc.total);
      expect(byName.rows.every((row) => row.administrationName === "Mairie de Saint-Brieuc")).toBe(true);

      const byTitle = await listAllMissions(db, claire, parseDinumMissionsQuery({ q: "DEBIAN" }));
      expect(byTitle.rows.map((row) => row.title)).toEqual(["Durcissement des serveurs Debian de la préfecture selon les recommandations ANSSI"]);
      const byAdministration = await listAllMissions(db, claire, parseDinumMissionsQuery({ q: "prefecture de la sarthe" }));
      expect(byAdministration.total).toBeGreaterThan(0);

      const sorted = await listAllMissions(db, claire, parseDinumMissionsQuery({ tri: "titre", ordre: "asc" }));
      const titles = sorted.rows.map((row) => row.title);
      const folded = titles.map((title) => title.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""));
      expect(folded).toEqual([...folded].sort());

      const secondPage = await listAllMissions(db, claire, parseDinumMissionsQuery({ page: "2" }));
      expect(secondPage.page).toBe(Math.min(2, Math.ceil(all.total / all.pageSize)));
      const farPage = await listAllMissions(db, claire, parseDinumMissionsQuery({ page: "999", etat: "nimporte" }));
      expect(farPage.page).toBe(Math.ceil(all.total / all.pageSize));
    });
  });

  describe("catalogue des agents", () => {
    let securityMission: string;
    let mapsMission: string;
    let dataMission: string;
    beforeAll(async () => {
      // The published missions are held in memory per instance: the other database's are forgotten.
      resetPublishedMissions();
      ({ missionId: mapsMission } = await submitMission(
        db,
        yann,
        completeMission({
          title: "Reprise des plans du réseau d'eau",
          context: "Le service des eaux tient ses plans dans des fichiers épars.",
          description: "Nous cherchons un géomaticien pour reprendre les couches et publier une carte interne.",
          skills: [{ label: "Cartographie du réseau", conceptId: null, required: true, level: "autonome" }],
        }),
      ));
      await publishMission(db, claire, mapsMission);
      ({ missionId: dataMission } = await submitMission(
        db,
        yann,
        completeMission({
          title: "Registre des traitements de la mairie",
          context: "La mairie n'a jamais tenu son registre.",
          description: "Recenser les traitements et les mettre en conformité avec le GDPR.",
          skills: [{ label: "Protection des données personnelles", conceptId: null, required: true, level: "autonome" }],
        }),
      ));
      await publishMission(db, claire, dataMission);
      ({ missionId: securityMission } = await submitMission(
        db,
        yann,
        completeMission({ title: "Sécurité des postes de travail de la médiathèque", totalHours: 8, startDate: "2027-06-01", endDate: "2027-06-30", staffingDeadline: "2027-05-15" }),
      ));
      await publishMission(db, claire, securityMission);
    });

    it("ne montre que les missions publiées", async () => {
      const result = await searchCatalogue(db, parseCatalogueQuery({}));
      expect(result.total).toBeGreaterThanOrEqual(7);
      const states = await db.select({ id: missions.id, state: missions.state }).from(missions);
      const stateOf = new Map(states.map((row) => [row.id, row.state]));
      expect(result.items.every((item) => stateOf.get(item.id) === "publiee")).toBe(true);
    });

    it("trouve « sécurité » en cherchant « securite », sans tenir compte des accents ni de la casse", async () => {
      const found = await searchCatalogue(db, parseCatalogueQuery({ q: "securite mediatheque" }));
      expect(found.items.map((item) => item.id)).toContain(securityMission);
      const upper = await searchCatalogue(db, parseCatalogueQuery({ q: "SÉCURITÉ" }));
      expect(upper.items.map((item) => item.id)).toContain(securityMission);
      expect(upper.sort).toBe("pertinence");
      const none = await searchCatalogue(db, parseCatalogueQuery({ q: "zzzz introuvable" }));
      expect(none.total).toBe(0);
    });

    it("trouve une mission par le nom d'une compétence recherchée", async () => {
      const found = await searchCatalogue(db, parseCatalogueQuery({ q: "procédures" }));
      expect(found.items.map((item) => item.id)).toContain(securityMission);
      const wildcard = await searchCatalogue(db, parseCatalogueQuery({ q: "%" }));
      expect(wildcard.total).toBe(0);
    });

    it("filtre par famille de compétences, modalité, lieu, effort et période", async () => {
      const security = await searchCatalogue(db, parseCatalogueQuery({ famille: "securite-si" }));
      expect(security.items.map((item) => item.id)).toContain(securityMission);
      const cms = await searchCatalogue(db, parseCatalogueQuery({ famille: "cms" }));
      expect(cms.items.map((item) => item.id)).not.toContain(securityMission);

      const remote = await searchCatalogue(db, parseCatalogueQuery({ mode: "distance" }));
      expect(remote.items.every((item) => item.workMode === "distance")).toBe(true);
      expect(remote.items.map((item) => item.id)).not.toContain(securityMission);

      const placeWithDash = await searchCatalogue(db, parseCatalogueQuery({ lieu: "SAINT-BRIEUC" }));
      expect(placeWithDash.items.map((item) => item.id)).toContain(securityMission);
      for (const lieu of ["saint brieuc", "Brieuc"]) {
        expect((await searchCatalogue(db, parseCatalogueQuery({ lieu }))).items.map((item) => item.id)).toContain(securityMission);
      }
      // Whole words only: part of a word finds nothing.
      for (const lieu of ["rieuc", "Saint-Bri"]) {
        expect((await searchCatalogue(db, parseCatalogueQuery({ lieu }))).items.map((item) => item.id)).not.toContain(securityMission);
      }

      const shortOnes = await searchCatalogue(db, parseCatalogueQuery({ heuresMin: "1", heuresMax: "10" }));
      expect(shortOnes.items.every((item) => item.totalHours! <= 10)).toBe(true);
      expect(shortOnes.items.map((item) => item.id)).toContain(securityMission);

      const june = await searchCatalogue(db, parseCatalogueQuery({ du: "2027-06", au: "2027-06" }));
      expect(june.items.map((item) => item.id)).toContain(securityMission);
      const august = await searchCatalogue(db, parseCatalogueQuery({ du: "2027-08", au: "2027-09" }));
      expect(august.items.map((item) => item.id)).not.toContain(securityMission);
      expect(august.items.every((item) => item.endDate! >= "2027-08-01" && item.startDate! <= "2027-09-30")).toBe(true);
    });

    it("tolère les fautes de frappe : « securté » trouve la sécurité, et dit comment la recherche a été lue", async () => {
      const found = await searchCatalogue(db, parseCatalogueQuery({ q: "securté médiathèque" }));
      expect(found.items.map((item) => item.id)).toEqual([securityMission]);
      expect(found.reading!.corrections.length + found.reading!.concepts.length).toBeGreaterThan(0);
    });

    it("lit les synonymes et acronymes du référentiel : RGPD trouve « GDPR » et « protection des données personnelles »", async () => {
      const found = await searchCatalogue(db, parseCatalogueQuery({ q: "RGPD" }));
      expect(found.items.map((item) => item.id)).toContain(dataMission);
      expect(found.items.map((item) => item.id)).not.toContain(securityMission);
      expect(found.reading!.concepts.map((concept) => concept.id)).toContain("rgpd");
    });

    it("« géomatique » trouve une mission qui demande un géomaticien, et le filtre de famille voit le texte", async () => {
      const found = await searchCatalogue(db, parseCatalogueQuery({ q: "géomatique" }));
      expect(found.items.map((item) => item.id)).toContain(mapsMission);
      expect(found.items.map((item) => item.id)).not.toContain(dataMission);
      // No tag of this mission names a SIG concept: the family comes from its text.
      const family = await searchCatalogue(db, parseCatalogueQuery({ famille: "sig" }));
      expect(family.items.map((item) => item.id)).toContain(mapsMission);
    });

    it("suit les changements faits ailleurs : une mission archivée quitte le catalogue à la requête suivante", async () => {
      const found = async () => (await searchCatalogue(db, parseCatalogueQuery({ q: "géomaticien eaux" }))).items.map((item) => item.id);
      expect(await found()).toEqual([mapsMission]);
      // Written straight in the database, as another instance would.
      await db.update(missions).set({ state: "archivee", updatedAt: new Date() }).where(eq(missions.id, mapsMission));
      expect(await found()).toEqual([]);
      await db.update(missions).set({ state: "publiee", title: "Plans des eaux pluviales", updatedAt: new Date() }).where(eq(missions.id, mapsMission));
      expect(await found()).toEqual([mapsMission]);
      expect((await searchCatalogue(db, parseCatalogueQuery({ q: "pluviales" }))).items.map((item) => item.id)).toEqual([mapsMission]);
    });

    it("trie et pagine côté base, et ignore les paramètres invalides", async () => {
      const byEffort = await searchCatalogue(db, parseCatalogueQuery({ tri: "effort" }));
      const hours = byEffort.items.map((item) => item.totalHours ?? 0);
      expect(hours).toEqual([...hours].sort((a, b) => a - b));
      const byDeadline = await searchCatalogue(db, parseCatalogueQuery({ tri: "echeance" }));
      const deadlines = byDeadline.items.map((item) => item.staffingDeadline ?? "9999");
      expect(deadlines).toEqual([...deadlines].sort());

      const first = await searchCatalogue(db, parseCatalogueQuery({}));
      const second = await searchCatalogue(db, parseCatalogueQuery({ page: "2" }));
      if (first.total > first.pageSize) {
        expect(second.page).toBe(2);
        expect(second.items.map((item) => item.id)).not.toContain(first.items[0]!.id);
      } else {
        expect(second.page).toBe(1);
      }
      const lenient = await searchCatalogue(db, parseCatalogueQuery({ mode: "partout", heuresMin: "beaucoup", du: "juin", tri: "hasard", page: "-3" }));
      expect(lenient.total).toBe(first.total);
    });
  });
});

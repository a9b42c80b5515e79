import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import {
  decideAdministrationCorrection,
  listAdministrationCorrections,
  requestAdministrationCorrection,
  upsertUserFromProConnect,
} from "@/features/identite/service";
import { exportStatementCsv } from "@/features/compensation/service";
import { archiveMission, loadMission, saveMissionDraft, toFormValues } from "@/features/missions/service";
import { declareHours, reviewHours } from "@/features/realisation/service";
import { getCandidateList } from "@/features/selection/service";
import { loadUserWithRoles, type CurrentUser } from "@/server/auth/roles";
import { seedDemoData, seedUuid } from "@/server/db/seed";
import { DEMO_IDP_ID } from "@/server/db/seed/demo-accounts";
import { administrations, auditLog, missions, users } from "@/server/db/schema";
import { emailOutbox, notifications } from "@/server/db/schema-messagerie";
import { missionCandidates } from "@/server/db/schema-parcours";
import { describeOnBothDatabases } from "./support/databases";

const SIRET = { saintBrieuc: "21220278700015", gironde: "17330001700013", sarthe: "17720001500016", interieur: "11000201100044" };

describeOnBothDatabases("administration dérivée des claims ProConnect", (database) => {
  let yann: CurrentUser;
  let camille: CurrentUser;
  let dinum: CurrentUser;
  let adminId: Record<keyof typeof SIRET, string>;
  const missionId = (key: string) => seedUuid(`mission:${key}`);
  const reload = async (user: CurrentUser) => (await loadUserWithRoles(database().db, user.id))!;

  beforeAll(async () => {
    const { db } = database();
    await seedDemoData(db);
    yann = (await loadUserWithRoles(db, seedUuid("user:demo-demandeur-yann")))!;
    camille = (await loadUserWithRoles(db, seedUuid("user:demo-agent-camille")))!;
    dinum = { ...(await loadUserWithRoles(db, seedUuid("user:demo-dinum-claire")))!, roles: ["agent", "dinum"] };
    const rows = await db.select({ id: administrations.id, siret: administrations.siret }).from(administrations);
    adminId = Object.fromEntries(Object.entries(SIRET).map(([key, siret]) => [key, rows.find((row) => row.siret === siret)!.id])) as typeof adminId;
  });

  it("le demandeur qui demande une autre administration n'obtient aucun de ses droits avant l'approbation", async () => {
    const { db } = database();
    await requestAdministrationCorrection(db, yann, { administrationId: adminId.gironde, reason: "Je travaille désormais à la préfecture de la Gironde." });
    yann = await reload(yann);
    expect(yann.administrationId).toBe(adminId.saintBrieuc);

    // The Gironde mission's candidates, the Gironde statement, a Sarthe mission: all refused.
    await expect(getCandidateList(db, yann, missionId("tableau-bord-titres-sejour-gironde"))).rejects.toThrow("droits");
    await expect(exportStatementCsv(db, yann, adminId.gironde)).rejects.toThrow();
    await expect(archiveMission(db, yann, { missionId: missionId("durcissement-debian-sarthe"), reason: "Plus nécessaire" })).rejects.toThrow();
    const [sarthe] = await db.select({ state: missions.state }).from(missions).where(eq(missions.id, missionId("durcissement-debian-sarthe")));
    expect(sarthe?.state).not.toBe("archivee");

    // Another administration's hours (the running CHU de Toulouse mission) cannot be confirmed.
    const [running] = await db
      .select({ id: missionCandidates.id, agentId: missionCandidates.agentId })
      .from(missionCandidates)
      .where(and(eq(missionCandidates.missionId, missionId("parcours-moodle-hygiene-chu-toulouse")), eq(missionCandidates.state, "selectionnee")));
    const agent = (await loadUserWithRoles(db, running!.agentId))!;
    await declareHours(db, agent, { candidateId: running!.id, hours: 40 });
    await expect(reviewHours(db, yann, { candidateId: running!.id, decision: "confirmer" })).rejects.toThrow(/demandeur de l'administration/);
  });

  it("un agent devenu demandeur par un brouillon ne l'est que pour son administration", async () => {
    const { db } = database();
    const gironde = await loadMission(db, missionId("tableau-bord-titres-sejour-gironde"));
    await requestAdministrationCorrection(db, camille, { siret: "13000000000011", name: "Service imaginaire", reason: "Mon service a son propre SIRET." });
    const draft = await saveMissionDraft(db, camille, { ...toFormValues(gironde), missionId: null, title: "Mon besoin" });
    camille = await reload(camille);
    expect(camille.roles).toContain("demandeur");
    expect((await loadMission(db, draft.missionId)).administrationId).toBe(adminId.interieur);
    const sarthe = await loadMission(db, missionId("durcissement-debian-sarthe"));
    await expect(saveMissionDraft(db, camille, { ...toFormValues(sarthe), title: "Réécrite" })).rejects.toThrow();
    expect((await loadMission(db, sarthe.id)).title).toBe(sarthe.title);
  });

  it("une seule demande en attente par personne ; la même administration n'est pas une correction", async () => {
    const { db } = database();
    await expect(requestAdministrationCorrection(db, yann, { administrationId: adminId.sarthe, reason: "Une seconde demande en parallèle" })).rejects.toThrow(
      "déjà une demande en attente",
    );
    const sylvie = (await loadUserWithRoles(db, seedUuid("user:demo-agent-nadia-haddad")))!;
    await expect(requestAdministrationCorrection(db, sylvie, { administrationId: sylvie.administrationId!, reason: "C'est la mienne déjà" })).rejects.toThrow(
      "déjà votre administration",
    );
  });

  it("seule la DINUM décide, jamais de sa propre demande ; l'approbation est tracée et la personne prévenue", async () => {
    const { db } = database();
    const { pending } = await listAdministrationCorrections(db, dinum);
    const yannRequest = pending.find((row) => row.userId === yann.id)!;
    expect(yannRequest.requestedAdministrationName).toBe("Préfecture de la Gironde");
    await expect(listAdministrationCorrections(db, yann)).rejects.toThrow("droits");
    await expect(decideAdministrationCorrection(db, yann, { requestId: yannRequest.id, decision: "approuvee" })).rejects.toThrow("droits");

    await requestAdministrationCorrection(db, dinum, { administrationId: adminId.gironde, reason: "Je me rattache moi-même ailleurs" });
    const own = (await listAdministrationCorrections(db, dinum)).pending.find((row) => row.userId === dinum.id)!;
    await expect(decideAdministrationCorrection(db, dinum, { requestId: own.id, decision: "approuvee" })).rejects.toThrow("propre demande");
    expect((await reload(dinum)).administrationId).not.toBe(adminId.gironde);

    await decideAdministrationCorrection(db, dinum, { requestId: yannRequest.id, decision: "approuvee", comment: "Vérifié auprès de la préfecture" });
    await expect(decideAdministrationCorrection(db, dinum, { requestId: yannRequest.id, decision: "refusee", comment: "Non" })).rejects.toThrow("déjà été traitée");
    expect((await reload(yann)).administrationId).toBe(adminId.gironde);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, yann.id), eq(auditLog.action, "administration.correction_approuvee")));
    expect(audit?.actorUserId).toBe(dinum.id);
    expect(audit?.reason).toBe("Vérifié auprès de la préfecture");
    const notes = await db.select().from(notifications).where(eq(notifications.userId, yann.id));
    expect(notes.map((note) => note.title)).toContain("Votre administration a été corrigée");
    const mails = await db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, yann.email), eq(emailOutbox.template, "administration-correction")));
    expect(mails).toHaveLength(1);
  });

  it("un refus ne change rien ; une nouvelle administration est créée à l'approbation", async () => {
    const { db } = database();
    const camilleRequest = (await listAdministrationCorrections(db, dinum)).pending.find((row) => row.userId === camille.id)!;
    await expect(decideAdministrationCorrection(db, dinum, { requestId: camilleRequest.id, decision: "refusee" })).rejects.toThrow();
    await decideAdministrationCorrection(db, dinum, { requestId: camilleRequest.id, decision: "refusee", comment: "Ce SIRET n'existe pas" });
    expect((await reload(camille)).administrationId).toBe(adminId.interieur);

    await requestAdministrationCorrection(db, camille, { siret: "13000000000011", name: "Service imaginaire", reason: "Mon service a son propre SIRET, vérifiez." });
    const again = (await listAdministrationCorrections(db, dinum)).pending.find((row) => row.userId === camille.id)!;
    await decideAdministrationCorrection(db, dinum, { requestId: again.id, decision: "approuvee" });
    const [created] = await db.select().from(administrations).where(eq(administrations.siret, "13000000000011"));
    expect(created?.name).toBe("Service imaginaire");
    expect((await reload(camille)).administrationId).toBe(created!.id);
  });

  it("la correction tient aux connexions suivantes tant que ProConnect donne le même SIRET, et cesse sinon", async () => {
    const { db } = database();
    const claims = { sub: "demo-demandeur-yann", idp_id: DEMO_IDP_ID, email: yann.email, given_name: "Yann", usual_name: "Le Goff", organization_label: "Mairie de Saint-Brieuc" };
    await upsertUserFromProConnect(db, { ...claims, siret: SIRET.saintBrieuc });
    expect((await reload(yann)).administrationId).toBe(adminId.gironde);
    await upsertUserFromProConnect(db, { ...claims, siret: SIRET.sarthe });
    expect((await reload(yann)).administrationId).toBe(adminId.sarthe);
    await upsertUserFromProConnect(db, { ...claims, siret: SIRET.saintBrieuc });
    const [row] = await db.select().from(users).where(eq(users.id, yann.id));
    expect(row?.administrationId).toBe(adminId.saintBrieuc);
    expect(row?.administrationCorrected).toBe(false);
  });
});

import { and, count, eq, isNull, like, or } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { matchingEngine, resetMatchingEngine } from "@/features/appariement/engine-store";
import { applyToMission } from "@/features/candidatures/service";
import { deleteAccount, deleteMyAccount, describeDeletion, exportPersonalData, pseudonymOf } from "@/features/donnees/service";
import { purgeInactiveAccounts, runRetention, warnInactiveAccounts, type RetentionSettings } from "@/features/donnees/retention";
import { listMyProposals, proposeMission, respondToProposal } from "@/features/propositions/service";
import { topContributors } from "@/features/reconnaissance/service";
import { getReview, searchAgents } from "@/features/revue/service";
import { loadUserWithRoles, type CurrentUser } from "@/server/auth/roles";
import { isSessionActive, openSession } from "@/server/auth/sessions";
import { seedDemoData, seedUuid } from "@/server/db/seed";
import { agentProfiles, applications, auditLog, missions, users } from "@/server/db/schema";
import { ledgerEntries } from "@/server/db/schema-compensation";
import { emailOutbox, notifications } from "@/server/db/schema-messagerie";
import { confirmedHours, consentRequests, missionCandidates } from "@/server/db/schema-parcours";
import { enqueueEmail } from "@/server/mail/outbox";
import { deliverDueEmails } from "@/server/mail/worker";
import { describeOnBothDatabases } from "./support/databases";

const DINUM_EMAIL = "donnees.dinum@numerique.gouv.fr";
// Read lazily by serverEnv(): DINUM is told when an agent withdraws by deleting their account.
process.env.DINUM_ALLOWED_EMAILS = DINUM_EMAIL;

const dinum: CurrentUser = {
  id: "00000000-0000-4000-8000-0000000000d3",
  email: DINUM_EMAIL,
  givenName: "Données",
  usualName: "DINUM",
  displayName: "Données DINUM",
  administrationId: null,
  administrationName: null,
  roles: ["agent", "dinum"],
};

const LUCIE_ID = seedUuid("user:demo-agent-lucie-marty");
const LUCIE_EMAIL = "lucie.marty@meteo.fr";
const LUCIE_MANAGER = "dominique.bories@meteo.fr";
// Selected on the demo mission still running.
const MAELLE_ID = seedUuid("user:demo-agent-maelle-tanguy");
const CONSENT_TOKEN = "Zx9_secret-consent-token-0123456789abcdefghijk";

async function asUser(executor: Parameters<typeof loadUserWithRoles>[0], id: string) {
  const user = await loadUserWithRoles(executor, id);
  if (!user) throw new Error(`utilisateur ${id} absent`);
  return user;
}

describeOnBothDatabases("données personnelles : export, suppression, conservation", (database) => {
  let lucie: CurrentUser;
  let missionId: string;
  let missionAuthorId: string;
  let ledgerCountBefore: number;

  beforeAll(async () => {
    const { db } = database();
    resetMatchingEngine();
    await seedDemoData(db);
    await db.insert(users).values({ id: dinum.id, proconnectSub: "donnees-dinum", idpId: "test", email: DINUM_EMAIL });
    lucie = await asUser(db, LUCIE_ID);
    const [mission] = await db.select().from(missions).where(eq(missions.state, "publiee")).limit(1);
    missionId = mission!.id;
    missionAuthorId = mission!.authorId;
    // Lucie applies, then DINUM proposes the mission and she accepts: her manager is asked.
    await applyToMission(db, lucie, { missionId, message: "Je connais bien les données climatiques." });
    await proposeMission(db, dinum, { missionId, agentIds: [LUCIE_ID] });
    const [proposal] = await listMyProposals(db, lucie);
    await respondToProposal(db, lucie, { candidateId: proposal!.candidateId, accept: true });
    // An email to Lucie that carries a single-use link.
    await enqueueEmail(db, {
      to: LUCIE_EMAIL,
      template: "test",
      subject: "Un lien personnel",
      greeting: "Bonjour Lucie,",
      paragraphs: ["Voici un lien."],
      action: { label: "Répondre", url: `http://localhost:3000/consentement/${CONSENT_TOKEN}` },
    });
    [{ n: ledgerCountBefore }] = (await db.select({ n: count() }).from(ledgerEntries)) as [{ n: number }];
  });

  it("l'agent télécharge tout ce qui le concerne, sans lien utilisable", async () => {
    const { db } = database();
    const data = await exportPersonalData(db, lucie);
    const parsed = JSON.parse(JSON.stringify(data)) as typeof data;
    expect(parsed.account).toMatchObject({ id: LUCIE_ID, email: LUCIE_EMAIL, givenName: "Lucie", usualName: "Marty" });
    expect(parsed.profile?.skills.map((skill) => skill.label)).toContain("Prévision météorologique");
    expect(parsed.profile?.manager.email).toBe(LUCIE_MANAGER);
    expect(parsed.profile?.availability.places).toEqual(["Toulouse", "Montpellier"]);
    expect(parsed.applications).toEqual([expect.objectContaining({ missionId, state: "active", message: "Je connais bien les données climatiques." })]);
    expect(parsed.participations.map((row) => row.state).sort()).toEqual(["acceptee", "selectionnee"]);
    expect(parsed.consents.some((consent) => consent.managerEmail === LUCIE_MANAGER && consent.decision === null)).toBe(true);
    expect(parsed.confirmedHours.map((row) => row.hours)).toEqual([22]);
    expect(parsed.badges.map((badge) => badge.id)).toContain("premiere_mission");
    expect(parsed.notifications.some((row) => row.title.startsWith("Une mission vous est proposée"))).toBe(true);
    expect(parsed.audit.some((entry) => entry.action === "proposition.acceptee")).toBe(true);
    expect(parsed.emails.some((email) => email.subject === "Un lien personnel")).toBe(true);
    expect(JSON.stringify(parsed)).not.toContain(CONSENT_TOKEN);
    // Nothing about another person's participations.
    expect(JSON.stringify(parsed)).not.toContain("maelle.tanguy");
  });

  it("la suppression est refusée tant qu'une participation est en cours, et rien ne change", async () => {
    const { db } = database();
    const maelle = await asUser(db, MAELLE_ID);
    const described = await describeDeletion(db, maelle);
    expect(described.blocking).toHaveLength(1);
    await expect(deleteMyAccount(db, maelle)).rejects.toThrow(/mission en cours/);
    expect(await loadUserWithRoles(db, MAELLE_ID)).not.toBeNull();
    expect(await db.select().from(agentProfiles).where(eq(agentProfiles.userId, MAELLE_ID))).toHaveLength(1);
  });

  it("supprimer son compte : données effacées, candidatures retirées (DINUM et demandeur prévenus), registre gardé, journal pseudonymisé, absent des listes et du moteur", async () => {
    const { db } = database();
    // Each instance's engine holds Lucie; another profile appears while she leaves, so the count stays the same.
    const engineBefore = await matchingEngine(db);
    expect(engineBefore.has(LUCIE_ID)).toBe(true);
    const described = await describeDeletion(db, lucie);
    // Her application and the proposal are on the same mission: one mission to leave.
    expect(described).toMatchObject({ blocking: [], openMissions: 1, finishedParticipations: 1 });

    const sessionId = await openSession(db, LUCIE_ID);
    const outcome = await deleteMyAccount(db, lucie);
    expect(await isSessionActive(db, { sessionId, userId: LUCIE_ID })).toBe(false);
    expect(outcome).toMatchObject({ withdrawnApplications: 1, toldMissions: 1 });
    const [newcomer] = await db.insert(users).values({ proconnectSub: "nouvel-agent", idpId: "test", email: "nouvel.agent@meteo.fr", givenName: "Nouvel", usualName: "Agent" }).returning();
    await db.insert(agentProfiles).values({ userId: newcomer!.id, presentation: "Prévisionniste, données climatiques.", skills: [{ label: "Python", conceptId: null, level: "autonome" }] });

    const engine = await matchingEngine(db);
    // Removed at this sync, incrementally: no rebuild of the whole index (seconds at 100,000 profiles).
    expect(engine).toBe(engineBefore);
    expect(engine.has(LUCIE_ID)).toBe(false);
    expect(engine.has(newcomer!.id)).toBe(true);

    // The person is gone: no session opens, no profile, no name, no address.
    expect(await loadUserWithRoles(db, LUCIE_ID)).toBeNull();
    const [tombstone] = await db.select().from(users).where(eq(users.id, LUCIE_ID));
    expect(tombstone?.deletedAt).not.toBeNull();
    expect(JSON.stringify(tombstone)).not.toMatch(/lucie|marty/i);
    expect(await db.select().from(agentProfiles).where(eq(agentProfiles.userId, LUCIE_ID))).toHaveLength(0);
    expect(await db.select().from(notifications).where(eq(notifications.userId, LUCIE_ID))).toHaveLength(0);
    expect(await db.select().from(emailOutbox).where(like(emailOutbox.textBody, "%Lucie Marty%"))).toHaveLength(0);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, LUCIE_EMAIL))).toHaveLength(0);

    // Open application withdrawn, the open proposal and its consent request gone.
    const [application] = await db.select().from(applications).where(eq(applications.agentId, LUCIE_ID));
    expect(application).toMatchObject({ state: "retiree", message: "" });
    const remaining = await db.select().from(missionCandidates).where(eq(missionCandidates.agentId, LUCIE_ID));
    expect(remaining.map((row) => row.state)).toEqual(["selectionnee"]);
    expect(await db.select().from(consentRequests).where(and(eq(consentRequests.managerEmail, LUCIE_MANAGER), isNull(consentRequests.decision)))).toHaveLength(0);
    // The pending consent email to her manager is not sent any more.
    expect(await db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, LUCIE_MANAGER), eq(emailOutbox.status, "en_attente")))).toHaveLength(0);

    // The demandeur and DINUM are told.
    const authorNotes = await db.select().from(notifications).where(eq(notifications.userId, missionAuthorId));
    expect(authorNotes.some((note) => note.title.startsWith("Candidature retirée"))).toBe(true);
    const dinumNotes = await db.select().from(notifications).where(eq(notifications.userId, dinum.id));
    expect(dinumNotes.some((note) => note.title.startsWith("Candidature retirée"))).toBe(true);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.template, "candidature-retiree"))).toHaveLength(1);

    // The ledger and the confirmed hours are the administrations': kept.
    const [{ n: ledgerCountAfter }] = (await db.select({ n: count() }).from(ledgerEntries)) as [{ n: number }];
    expect(ledgerCountAfter).toBe(ledgerCountBefore);
    expect((await db.select().from(confirmedHours).where(eq(confirmedHours.agentId, LUCIE_ID))).map((row) => row.hours)).toEqual([22]);

    // The audit keeps its entries, under a pseudonym.
    const entries = await db.select().from(auditLog).where(or(eq(auditLog.actorUserId, LUCIE_ID), eq(auditLog.entityId, LUCIE_ID)));
    expect(entries.some((entry) => entry.action === "proposition.acceptee" && entry.actorLabel === pseudonymOf(LUCIE_ID))).toBe(true);
    expect(entries.some((entry) => entry.action === "compte.supprime")).toBe(true);
    expect(await db.select().from(auditLog).where(or(like(auditLog.actorLabel, `%${LUCIE_EMAIL}%`), like(auditLog.reason, `%${LUCIE_EMAIL}%`)))).toHaveLength(0);

    // Nowhere a demandeur or DINUM looks.
    const review = await getReview(db, dinum, missionId);
    expect(review.candidates.map((candidate) => candidate.agentId)).not.toContain(LUCIE_ID);
    const [finished] = await db.select({ missionId: confirmedHours.missionId }).from(confirmedHours).where(eq(confirmedHours.agentId, LUCIE_ID));
    expect((await getReview(db, dinum, finished!.missionId)).candidates.map((candidate) => candidate.agentId)).not.toContain(LUCIE_ID);
    expect(await searchAgents(db, dinum, { missionId, query: "Marty" })).toEqual([]);
    expect((await topContributors(db, dinum)).map((row) => row.userId)).not.toContain(LUCIE_ID);

    // An email later addressed to the deleted account (e.g. as a mission's author) is never sent.
    await enqueueEmail(db, { to: tombstone!.email, template: "test", subject: "Pour personne", greeting: "Bonjour,", paragraphs: ["."] });
    await deliverDueEmails(db, null, new Date(Date.now() + 1000));
    const [undeliverable] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, tombstone!.email));
    expect(undeliverable?.status).toBe("echec");

    // Once is enough.
    await expect(deleteAccount(db, LUCIE_ID, "demande")).rejects.toThrow("déjà supprimé");
    await expect(exportPersonalData(db, lucie)).rejects.toThrow("n'existe plus");
  });

  it("la conservation : avertit une fois les comptes inactifs, puis les supprime après le délai, sauf reconnexion ; plusieurs instances ne font pas deux fois le travail", async () => {
    const { db } = database();
    const settings: RetentionSettings = { inactivityDays: 730, warningDays: 30, keptEmails: [DINUM_EMAIL], appUrl: "http://localhost:3000" };
    const now = new Date("2027-01-10T10:00:00Z");
    const longAgo = new Date("2024-12-01T10:00:00Z");
    const [dormant, returning, dinumMember, recent] = await db
      .insert(users)
      .values([
        { proconnectSub: "dormant", idpId: "test", email: "agent.dormant@culture.gouv.fr", givenName: "Agent", usualName: "Dormant", createdAt: longAgo, lastLoginAt: longAgo },
        { proconnectSub: "revenant", idpId: "test", email: "agent.revenant@culture.gouv.fr", givenName: "Agent", usualName: "Revenant", createdAt: longAgo, lastLoginAt: longAgo },
        { proconnectSub: "dinum-ancien", idpId: "test", email: DINUM_EMAIL.replace("donnees", "x"), createdAt: longAgo, lastLoginAt: longAgo },
        { proconnectSub: "recent", idpId: "test", email: "agent.recent@culture.gouv.fr", createdAt: longAgo, lastLoginAt: new Date("2026-06-01T10:00:00Z") },
      ])
      .returning();
    settings.keptEmails.push(dinumMember!.email);
    await db.insert(agentProfiles).values({ userId: dormant!.id, presentation: "Archiviste." });

    // Two instances at once: each account is warned once.
    const [first, second] = await Promise.all([warnInactiveAccounts(db, settings, now), warnInactiveAccounts(db, settings, now)]);
    expect(first + second).toBe(2);
    expect(await warnInactiveAccounts(db, settings, now)).toBe(0);
    const warnings = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "conservation-avertissement"));
    expect(warnings.map((email) => email.toAddress).sort()).toEqual([dormant!.email, returning!.email]);
    expect(warnings[0]!.textBody).toContain("supprimés le");

    // Before the warning period ends, nothing is deleted.
    expect(await purgeInactiveAccounts(db, settings, new Date(now.getTime() + 29 * 86_400_000))).toEqual({ deleted: 0, skipped: 0 });

    // One signs in again after the warning: kept.
    await db.update(users).set({ lastLoginAt: new Date(now.getTime() + 86_400_000) }).where(eq(users.id, returning!.id));
    const later = new Date(now.getTime() + 31 * 86_400_000);
    const reports = await Promise.all([runRetention(db, settings, later), runRetention(db, settings, later)]);
    expect(reports.reduce((sum, report) => sum + report.deleted, 0)).toBe(1);
    const rows = await db.select({ id: users.id, deletedAt: users.deletedAt }).from(users);
    const deleted = new Set(rows.filter((row) => row.deletedAt).map((row) => row.id));
    expect(deleted.has(dormant!.id)).toBe(true);
    expect(deleted.has(returning!.id)).toBe(false);
    expect(deleted.has(dinumMember!.id)).toBe(false);
    expect(deleted.has(recent!.id)).toBe(false);
    expect(await db.select().from(agentProfiles).where(eq(agentProfiles.userId, dormant!.id))).toHaveLength(0);
    const [purgeAudit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, dormant!.id), eq(auditLog.action, "compte.supprime_inactivite")));
    expect(purgeAudit?.actorLabel).toBe("conservation des données");
  });
});

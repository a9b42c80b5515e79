import { and, eq, like, or } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import {
  decideConsent,
  listPendingConsents,
  listRecentConsentDecisions,
  recordConsentObtainedOtherwise,
  resendConsentRequest,
  viewConsentRequest,
} from "@/features/consentements/service";
import { hashConsentToken } from "@/features/consentements/tokens";
import { getEmail, listEmails } from "@/features/courriels/service";
import { getProfile, saveProfile } from "@/features/profils/service";
import { profileSchema } from "@/features/profils/schemas";
import { listMyProposals, proposeMission, respondToProposal } from "@/features/propositions/service";
import { loadUserWithRoles, type CurrentUser } from "@/server/auth/roles";
import { seedDemoData, seedUuid } from "@/server/db/seed";
import { agentProfiles, auditLog, missions } from "@/server/db/schema";
import { emailOutbox } from "@/server/db/schema-messagerie";
import { consentRequests, missionCandidates } from "@/server/db/schema-parcours";
import { DomainError } from "@/server/errors";
import { PERSONAL_LINK_PLACEHOLDER } from "@/server/mail/personal-links";
import { deliverDueEmails, type Mailer } from "@/server/mail/worker";
import { describeOnBothDatabases } from "./support/databases";
import { signedIn, TestMailbox } from "./support/mailbox";

const USABLE_LINK = /\/consentement\/[A-Za-z0-9_-]{43}/;
const INTERIEUR = "11000201100044";
const SAINT_BRIEUC = "21220278700015";

describeOnBothDatabases("consentement par le manager nommé, sans lien lisible par un autre", (database) => {
  const mailbox = new TestMailbox();
  let dinum: CurrentUser;
  let camille: CurrentUser;
  let nadia: CurrentUser;
  let sophie: CurrentUser;
  let missionIds: string[];

  beforeAll(async () => {
    const { db } = database();
    await seedDemoData(db);
    dinum = { ...(await loadUserWithRoles(db, seedUuid("user:demo-dinum-claire")))!, roles: ["agent", "dinum"] };
    camille = (await loadUserWithRoles(db, seedUuid("user:demo-agent-camille")))!;
    nadia = (await loadUserWithRoles(db, seedUuid("user:demo-agent-nadia-haddad")))!;
    sophie = (await loadUserWithRoles(db, seedUuid("user:demo-manager-sophie")))!;
    missionIds = (await db.select({ id: missions.id }).from(missions).where(eq(missions.state, "publiee"))).map((row) => row.id);
  });

  /** DINUM proposes a mission, the agent accepts: a consent request is opened for their manager. */
  async function accepted(agent: CurrentUser, missionIndex: number) {
    const { db } = database();
    await proposeMission(db, dinum, { missionId: missionIds[missionIndex]!, agentIds: [agent.id] });
    const proposal = (await listMyProposals(db, agent)).find((row) => row.missionId === missionIds[missionIndex]);
    await respondToProposal(db, agent, { candidateId: proposal!.candidateId, accept: true });
    return proposal!.candidateId;
  }

  async function profileWithManager(agent: CurrentUser, managerEmail: string) {
    const { values } = await getProfile(database().db, agent, agent.id);
    return profileSchema.parse({ ...values, managerName: "Mon responsable", managerEmail });
  }

  it("le profil refuse l'adresse de l'agent avec un « + » et une messagerie personnelle, sur le champ", async () => {
    const { db } = database();
    for (const [address, message] of [
      ["camille.durand+chef@interieur.gouv.fr", /pas la vôtre/],
      ["CAMILLE.DURAND+n1@Interieur.gouv.fr", /pas la vôtre/],
      ["mon.chef@gmail.com", /messagerie personnelle/],
      ["chef@orange.fr", /messagerie personnelle/],
    ] as const) {
      const attempt = saveProfile(db, camille, camille.id, await profileWithManager(camille, address));
      await expect(attempt).rejects.toBeInstanceOf(DomainError);
      await attempt.catch((error: DomainError) => expect(error.fieldErrors?.managerEmail?.[0]).toMatch(message));
    }
    const [profile] = await db.select().from(agentProfiles).where(eq(agentProfiles.userId, camille.id));
    expect(profile?.managerEmail).toBe("sophie.martin@interieur.gouv.fr");
  });

  it("aucun lien utilisable dans l'outbox ni dans les pages courriels de la DINUM, même sans SMTP", async () => {
    const { db } = database();
    const candidateId = await accepted(camille, 0);
    const [request] = await db.select().from(consentRequests).where(eq(consentRequests.candidateId, candidateId));
    // Nothing to steal before delivery: no token exists yet.
    expect(request?.tokenHash).toBeNull();
    await deliverDueEmails(db, null);
    const [kept] = await db.select().from(emailOutbox).where(eq(emailOutbox.consentRequestId, request!.id));
    expect(kept?.status).toBe("conserve");
    const shown = await getEmail(db, dinum, kept!.id);
    for (const body of [shown.textBody, shown.htmlBody]) {
      expect(body).not.toMatch(USABLE_LINK);
      expect(body).toContain(PERSONAL_LINK_PLACEHOLDER);
    }
    expect((await listEmails(db, dinum, {})).rows.length).toBeGreaterThan(0);
    const anyLink = await db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(or(like(emailOutbox.textBody, "%/consentement/%"), like(emailOutbox.htmlBody, "%/consentement/%")));
    expect(anyLink).toEqual([]);
  });

  it("le lien est créé à l'envoi SMTP : seul le destinataire l'a, un nouvel essai le remplace", async () => {
    const { db } = database();
    const candidateId = await accepted(nadia, 0);
    const [request] = await db.select().from(consentRequests).where(eq(consentRequests.candidateId, candidateId));
    // First attempt: the message is built, then SMTP fails (the link might still have got out).
    const lost: string[] = [];
    const failing: Mailer = {
      send: async (message) => {
        lost.push(message.text);
        throw new Error("SMTP indisponible");
      },
    };
    await deliverDueEmails(db, failing);
    const firstToken = lost.find((text) => text.includes("/consentement/"))?.match(/\/consentement\/([A-Za-z0-9_-]{43})/)?.[1];
    expect(firstToken).toBeTruthy();
    // The retry mints another link; the first one no longer opens anything.
    const retryAt = new Date(Date.now() + 31 * 60_000);
    const token = await mailbox.consentToken(db, "frederic.lambert@interieur.gouv.fr", retryAt);
    expect(token).not.toBe(firstToken);
    const frederic = await signedIn(db, { email: "frederic.lambert@interieur.gouv.fr", siret: INTERIEUR, sub: "demo-manager-frederic" });
    await expect(viewConsentRequest(db, firstToken!, frederic)).rejects.toThrow("pas valide");
    const [stored] = await db.select().from(consentRequests).where(eq(consentRequests.id, request!.id));
    expect(stored?.tokenHash).toBe(hashConsentToken(token));
    const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.consentRequestId, request!.id));
    expect(rows.every((row) => !USABLE_LINK.test(row.textBody + row.htmlBody))).toBe(true);
    await decideConsent(db, frederic, { token, decision: "approuve" });
  });

  it("l'agent ne répond jamais pour lui-même, même sous une adresse « + » enregistrée avant la règle", async () => {
    const { db } = database();
    // A profile saved before the rule existed names the agent's own plus-address.
    await db.update(agentProfiles).set({ managerEmail: "camille.durand+chef@interieur.gouv.fr" }).where(eq(agentProfiles.userId, camille.id));
    const candidateId = await accepted(camille, 1);
    const token = await mailbox.consentToken(db, "camille.durand+chef@interieur.gouv.fr");
    expect((await listPendingConsents(db, dinum)).rows.find((row) => row.candidateId === candidateId)?.addressProblem).toMatch(/pas la vôtre/);
    // Signed in as herself, or as another account whose address is a variant of hers.
    await expect(decideConsent(db, camille, { token, decision: "approuve" })).rejects.toThrow("Vous êtes l'agent concerné");
    const alias = await signedIn(db, { email: "camille.durand+chef@interieur.gouv.fr", siret: INTERIEUR, sub: "autre-compte-de-camille" });
    await expect(decideConsent(db, alias, { token, decision: "approuve" })).rejects.toThrow("Vous êtes l'agent concerné");
    // Her real manager is not the person this request was sent to.
    await expect(viewConsentRequest(db, token, sophie)).rejects.toThrow("adressée à une autre personne");
    const [candidate] = await db.select().from(missionCandidates).where(eq(missionCandidates.id, candidateId));
    expect(candidate?.state).toBe("acceptee");
    await db.update(agentProfiles).set({ managerEmail: "sophie.martin@interieur.gouv.fr" }).where(eq(agentProfiles.userId, camille.id));
  });

  it("la DINUM ne renvoie pas le lien à l'agent ni à une messagerie personnelle", async () => {
    const { db } = database();
    const [pendingRow] = (await listPendingConsents(db, dinum)).rows.filter((row) => row.managerEmail.startsWith("camille.durand"));
    await expect(
      resendConsentRequest(db, dinum, { candidateId: pendingRow!.candidateId, managerEmail: "Camille.Durand+n1@interieur.gouv.fr", reason: "Correction" }),
    ).rejects.toThrow(DomainError);
    await expect(resendConsentRequest(db, dinum, { candidateId: pendingRow!.candidateId, managerEmail: "chef@yahoo.fr", reason: "Correction" })).rejects.toThrow(
      DomainError,
    );
    await resendConsentRequest(db, dinum, { candidateId: pendingRow!.candidateId, managerEmail: "sophie.martin@interieur.gouv.fr", reason: "Adresse corrigée" });
  });

  it("le manager nommé doit être de la même organisation que l'agent ; alors sa réponse compte, vérifiée et tracée", async () => {
    const { db } = database();
    const token = await mailbox.consentToken(db, "sophie.martin@interieur.gouv.fr");
    const [sent] = await db.select().from(consentRequests).where(eq(consentRequests.tokenHash, hashConsentToken(token)));
    const pending = { candidateId: sent!.candidateId };
    const elsewhere = await signedIn(db, { email: "Sophie.Martin@interieur.gouv.fr", siret: SAINT_BRIEUC, sub: "sophie-ailleurs" });
    await expect(decideConsent(db, elsewhere, { token, decision: "approuve" })).rejects.toThrow("même organisation");
    await expect(viewConsentRequest(db, token, sophie)).resolves.toMatchObject({ agentName: "Camille Durand" });
    await decideConsent(db, sophie, { token, decision: "approuve", comment: "D'accord" });
    const [request] = await db.select().from(consentRequests).where(eq(consentRequests.id, sent!.id));
    expect(request?.verification).toBe("proconnect");
    expect(request?.decidedByUserId).toBe(sophie.id);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, pending.candidateId), eq(auditLog.action, "consentement.approuve")));
    expect(audit?.actorUserId).toBe(sophie.id);
    expect(audit?.details).toMatchObject({ verification: "proconnect", organisation: "siren" });
    const decided = await listRecentConsentDecisions(db, dinum);
    expect(decided.find((row) => row.candidateId === pending.candidateId)?.verification).toBe("proconnect");
  });

  it("la DINUM enregistre un accord recueilli hors ProConnect, avec preuve et raison, tracé et affiché comme tel", async () => {
    const { db } = database();
    const yann = (await loadUserWithRoles(db, seedUuid("user:demo-demandeur-yann")))!;
    const candidateId = await accepted(nadia, 1);
    const input = { candidateId, decision: "approuve" as const, proof: "Courriel professionnel de F. Lambert du 3 mars, joint au dossier", reason: "Compte ProConnect pas encore ouvert" };
    await expect(recordConsentObtainedOtherwise(db, yann, input)).rejects.toThrow("droits");
    await recordConsentObtainedOtherwise(db, dinum, input);
    await expect(recordConsentObtainedOtherwise(db, dinum, input)).rejects.toThrow("Aucune demande d'accord");
    const [candidate] = await db.select().from(missionCandidates).where(eq(missionCandidates.id, candidateId));
    expect(candidate?.state).toBe("consentie");
    const row = (await listRecentConsentDecisions(db, dinum)).find((decision) => decision.candidateId === candidateId);
    expect(row).toMatchObject({ verification: "hors_proconnect", decidedByEmail: dinum.email, verificationDetails: { preuve: input.proof, raison: input.reason } });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, candidateId), eq(auditLog.action, "consentement.approuve")));
    expect(audit).toMatchObject({ actorUserId: dinum.id, reason: input.reason });
    // The email not yet delivered is not sent any more: its request is answered.
    const report = await deliverDueEmails(db, mailbox.mailer);
    expect(report.cancelled).toBeGreaterThanOrEqual(1);
  });
});

import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { endUserSessions, findPersonSessions } from "@/features/sessions/service";
import { isSessionActive, openSession, revokeSession } from "@/server/auth/sessions";
import type { CurrentUser } from "@/server/auth/roles";
import { auditLog, users } from "@/server/db/schema";
import { userSessions } from "@/server/db/schema-sessions";
import { describeOnBothDatabases } from "./support/databases";

const dinum: CurrentUser = {
  id: "00000000-0000-4000-8000-0000000000e1",
  email: "securite.dinum@numerique.gouv.fr",
  givenName: "Sécurité",
  usualName: "DINUM",
  displayName: "Sécurité DINUM",
  administrationId: null,
  administrationName: null,
  roles: ["agent", "dinum"],
};
const agentId = "00000000-0000-4000-8000-0000000000e2";
const agent: CurrentUser = { ...dinum, id: agentId, email: "camille.agent@interieur.gouv.fr", givenName: "Camille", usualName: "Agent", roles: ["agent"] };

describeOnBothDatabases("sessions côté serveur", (database) => {
  beforeAll(async () => {
    await database().db.insert(users).values([
      { id: dinum.id, proconnectSub: "securite-dinum", idpId: "test", email: dinum.email },
      { id: agentId, proconnectSub: "camille", idpId: "test", email: agent.email, givenName: "Camille", usualName: "Agent" },
    ]);
  });

  it("une session ouverte à la connexion vaut jusqu'à la déconnexion, pas après", async () => {
    const { db } = database();
    const sessionId = await openSession(db, agentId, 8 * 60 * 60);
    expect(await isSessionActive(db, { sessionId, userId: agentId })).toBe(true);
    // The cookie names its user: another user's id with this session opens nothing.
    expect(await isSessionActive(db, { sessionId, userId: dinum.id })).toBe(false);

    await revokeSession(db, sessionId, "deconnexion");
    expect(await isSessionActive(db, { sessionId, userId: agentId })).toBe(false);
    const [row] = await db.select().from(userSessions).where(eq(userSessions.id, sessionId));
    expect(row).toMatchObject({ revokedBy: "deconnexion" });
    expect(row!.revokedAt).toBeInstanceOf(Date);
  });

  it("une session expirée, inconnue ou absente (ancien cookie) n'ouvre rien", async () => {
    const { db } = database();
    const sessionId = await openSession(db, agentId, 8 * 60 * 60);
    await db.update(userSessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(userSessions.id, sessionId));
    expect(await isSessionActive(db, { sessionId, userId: agentId })).toBe(false);
    expect(await isSessionActive(db, { sessionId: "00000000-0000-4000-8000-00000000ffff", userId: agentId })).toBe(false);
    expect(await isSessionActive(db, { sessionId: undefined, userId: agentId })).toBe(false);
    expect(await isSessionActive(db, { sessionId: "pas-un-uuid", userId: agentId })).toBe(false);
  });

  it("la DINUM met fin à toutes les sessions d'une personne, avec un motif inscrit au journal d'audit", async () => {
    const { db } = database();
    const first = await openSession(db, agentId, 8 * 60 * 60);
    const second = await openSession(db, agentId, 8 * 60 * 60);
    const own = await openSession(db, dinum.id, 8 * 60 * 60);

    await expect(endUserSessions(db, agent, { userId: agentId, reason: "Poste perdu" })).rejects.toThrow("DINUM");
    const found = await findPersonSessions(db, dinum, "CAMILLE.agent@interieur.gouv.fr ");
    expect(found?.user.id).toBe(agentId);
    expect(found?.sessions.map((session) => session.id).sort()).toEqual([first, second].sort());

    const result = await endUserSessions(db, dinum, { userId: agentId, reason: "Poste perdu" });
    expect(result.ended).toBe(2);
    expect(await isSessionActive(db, { sessionId: first, userId: agentId })).toBe(false);
    expect(await isSessionActive(db, { sessionId: second, userId: agentId })).toBe(false);
    expect(await isSessionActive(db, { sessionId: own, userId: dinum.id })).toBe(true);
    expect((await findPersonSessions(db, dinum, agent.email))?.sessions).toEqual([]);

    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "sessions.fin"), eq(auditLog.entityId, agentId)));
    expect(audit).toMatchObject({ actorUserId: dinum.id, reason: "Poste perdu", details: { sessions: 2 } });
    const [row] = await db.select().from(userSessions).where(eq(userSessions.id, first));
    expect(row?.revokedBy).toBe("dinum");
  });
});

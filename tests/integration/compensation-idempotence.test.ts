import { randomUUID } from "node:crypto";
import { eq, ne } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { postConfirmedHours, recordRedemption, reverseTransaction } from "@/features/compensation/service";
import type { CurrentUser } from "@/server/auth/roles";
import { seedDemoData } from "@/server/db/seed";
import { administrations, auditLog, missions, users } from "@/server/db/schema";
import { ledgerEntries, ledgerTransactions } from "@/server/db/schema-compensation";
import { confirmedHours, missionCandidates } from "@/server/db/schema-parcours";
import { describeOnBothDatabases } from "./support/databases";

const dinum: CurrentUser = {
  id: "00000000-0000-4000-8000-0000000000d1",
  email: "tresorerie.dinum@numerique.gouv.fr",
  givenName: "Trésorerie",
  usualName: "DINUM",
  displayName: "Trésorerie DINUM",
  administrationId: null,
  administrationName: null,
  roles: ["agent", "dinum"],
};
const otherDinum: CurrentUser = { ...dinum, id: "00000000-0000-4000-8000-0000000000d2", email: "autre.dinum@numerique.gouv.fr" };

describeOnBothDatabases("registre de compensation : une opération envoyée deux fois est enregistrée une fois", (database) => {
  let administrationId: string;

  beforeAll(async () => {
    const { db } = database();
    await seedDemoData(db);
    await db.insert(users).values([
      { id: dinum.id, proconnectSub: "tresorerie-dinum", idpId: "test", email: dinum.email },
      { id: otherDinum.id, proconnectSub: "autre-dinum", idpId: "test", email: otherDinum.email },
    ]);
    [{ id: administrationId }] = (await db.select({ id: administrations.id }).from(administrations).orderBy(administrations.siret).limit(1)) as [{ id: string }];
  });

  async function transactionsWithKey(key: string) {
    return database().db.select().from(ledgerTransactions).where(eq(ledgerTransactions.idempotencyKey, key));
  }

  it("100 envois concurrents du même rachat : une seule opération, et chacun reçoit son résultat", async () => {
    const { db } = database();
    const idempotencyKey = randomUUID();
    const input = { administrationId, credits: 12.5, description: "Audit de sécurité", reason: "Accordé en comité", idempotencyKey };
    const results = await Promise.all(Array.from({ length: 100 }, () => recordRedemption(db, dinum, input)));

    const stored = await transactionsWithKey(idempotencyKey);
    expect(stored).toHaveLength(1);
    expect(new Set(results.map((result) => result.transactionId))).toEqual(new Set([stored[0]!.id]));
    const entries = await db.select().from(ledgerEntries).where(eq(ledgerEntries.transactionId, stored[0]!.id));
    expect(entries.map((entry) => entry.amount).sort()).toEqual(["-12.50", "12.50"]);
    expect(await db.select().from(auditLog).where(eq(auditLog.entityId, stored[0]!.id))).toHaveLength(1);
  });

  it("un rejeu après succès (ou un nouvel essai après une expiration du délai) rend le même résultat sans rien débiter", async () => {
    const { db } = database();
    const idempotencyKey = randomUUID();
    const input = { administrationId, credits: 3, description: "Atelier RGAA", reason: "Accordé en comité", idempotencyKey };
    const first = await recordRedemption(db, dinum, input);
    const replay = await recordRedemption(db, dinum, input);
    expect(replay).toEqual(first);
    expect(await transactionsWithKey(idempotencyKey)).toHaveLength(1);

    // A new key is a new operation.
    const second = await recordRedemption(db, dinum, { ...input, idempotencyKey: randomUUID() });
    expect(second.transactionId).not.toBe(first.transactionId);
  });

  it("une clé déjà utilisée pour une autre opération, ou par une autre personne, est refusée", async () => {
    const { db } = database();
    const idempotencyKey = randomUUID();
    await recordRedemption(db, dinum, { administrationId, credits: 1, description: "Atelier", reason: "Accordé en comité", idempotencyKey });
    await expect(
      recordRedemption(db, dinum, { administrationId, credits: 99, description: "Autre chose", reason: "Accordé en comité", idempotencyKey }),
    ).rejects.toThrow("déjà servi");
    await expect(
      recordRedemption(db, otherDinum, { administrationId, credits: 1, description: "Atelier", reason: "Accordé en comité", idempotencyKey }),
    ).rejects.toThrow("déjà servi");
    expect(await transactionsWithKey(idempotencyKey)).toHaveLength(1);
  });

  it("une correction envoyée deux fois, ou 20 fois en même temps, rend la même correction", async () => {
    const { db } = database();
    const [mission] = await db.select().from(missions).limit(1);
    const [agent] = await db.select().from(users).where(ne(users.id, dinum.id)).limit(1);
    const [other] = await db.select({ id: administrations.id }).from(administrations).where(ne(administrations.id, administrationId)).limit(1);
    const [candidate] = await db
      .insert(missionCandidates)
      .values({ missionId: mission!.id, agentId: agent!.id, origin: "ajout_dinum", state: "selectionnee", hoursState: "confirmees", confirmedHours: 6 })
      .onConflictDoNothing()
      .returning({ id: missionCandidates.id });
    const candidateId = candidate?.id ?? (await db.select({ id: missionCandidates.id }).from(missionCandidates).where(eq(missionCandidates.missionId, mission!.id)))[0]!.id;
    const [hours] = await db
      .insert(confirmedHours)
      .values({ candidateId, missionId: mission!.id, agentId: agent!.id, lendingAdministrationId: administrationId, borrowingAdministrationId: other!.id, hours: 6 })
      .onConflictDoNothing()
      .returning();
    const posting = hours ? await postConfirmedHours(db, hours) : null;
    const original = posting?.posted
      ? posting.transactionId
      : (await recordRedemption(db, dinum, { administrationId, credits: 6, description: "À corriger", reason: "Accordé en comité", idempotencyKey: randomUUID() })).transactionId;

    const idempotencyKey = randomUUID();
    const input = { transactionId: original, reason: "Saisie en double", idempotencyKey };
    const results = await Promise.all(Array.from({ length: 20 }, () => reverseTransaction(db, dinum, input)));
    const replay = await reverseTransaction(db, dinum, input);
    const corrections = await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.reversesTransactionId, original));
    expect(corrections).toHaveLength(1);
    expect(new Set([...results, replay].map((result) => result.transactionId))).toEqual(new Set([corrections[0]!.id]));

    // Another request (a new key) to correct it again is still refused with the reason.
    await expect(reverseTransaction(db, dinum, { ...input, idempotencyKey: randomUUID() })).rejects.toThrow("déjà été corrigée");
  });
});

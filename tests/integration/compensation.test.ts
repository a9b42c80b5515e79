import { randomUUID } from "node:crypto";
import { and, eq, ne, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import {
  exportBalancesCsv,
  exportStatementCsv,
  getBalance,
  getStatement,
  listBalances,
  ministryBalances,
  postConfirmedHours,
  recordRedemption,
  reverseTransaction,
  unbalancedTransactions,
} from "@/features/compensation/service";
import { reviewHours } from "@/features/realisation/service";
import type { CurrentUser } from "@/server/auth/roles";
import type { Database } from "@/server/db/client";
import { seedDemoData } from "@/server/db/seed";
import { administrations, auditLog, missions, users } from "@/server/db/schema";
import { ledgerEntries, ledgerTransactions } from "@/server/db/schema-compensation";
import { confirmedHours, missionCandidates } from "@/server/db/schema-parcours";
import { describeOnBothDatabases } from "./support/databases";

const dinum: CurrentUser = {
  id: "00000000-0000-4000-8000-0000000000c1",
  email: "compta.dinum@numerique.gouv.fr",
  givenName: "Compta",
  usualName: "DINUM",
  displayName: "Compta DINUM",
  administrationId: null,
  administrationName: null,
  roles: ["agent", "dinum"],
};

describeOnBothDatabases("registre de compensation", (database) => {
  let adminIds: string[];
  let lender: string;
  let borrower: string;
  let missionIds: string[];
  let agentIds: string[];
  let nextPair = 0;
  const memberOf = (administrationId: string): CurrentUser => ({ ...dinum, id: "00000000-0000-4000-8000-0000000000c2", administrationId, roles: ["agent", "demandeur"] });

  /** A participation whose hours both sides confirmed, on a fresh (mission, agent) pair. */
  async function newConfirmedHours(db: Database, options: { lending: string | null; borrowing: string; hours: number }) {
    // Skips the pairs the demo data or an earlier case already holds.
    for (;;) {
      const pair = nextPair++;
      const missionId = missionIds[pair % missionIds.length]!;
      const agentId = agentIds[Math.floor(pair / missionIds.length)]!;
      const [candidate] = await db
        .insert(missionCandidates)
        .values({ missionId, agentId, origin: "ajout_dinum", state: "selectionnee", hoursState: "confirmees", confirmedHours: options.hours })
        .onConflictDoNothing()
        .returning({ id: missionCandidates.id });
      if (!candidate) continue;
      const [row] = await db
        .insert(confirmedHours)
        .values({ candidateId: candidate.id, missionId, agentId, lendingAdministrationId: options.lending, borrowingAdministrationId: options.borrowing, hours: options.hours })
        .returning();
      return row!;
    }
  }

  async function balanceOf(db: Database, administrationId: string) {
    const [row] = await db
      .select({ total: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)` })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.account, "administration"), eq(ledgerEntries.administrationId, administrationId)));
    return Number(row!.total);
  }

  /** The invariants: every transaction sums to zero, and each shown balance is the sum of its entries. */
  async function expectLedgerInvariants(db: Database) {
    expect(await unbalancedTransactions(db, dinum)).toEqual([]);
    const { rows } = await listBalances(db, dinum, { all: true });
    for (const row of rows) expect(Number(row.balance)).toBeCloseTo(await balanceOf(db, row.administrationId), 2);
    const { ledgerTotal } = await ministryBalances(db, dinum);
    expect(Number(ledgerTotal)).toBe(0);
  }

  beforeAll(async () => {
    const { db } = database();
    await seedDemoData(db);
    await db.insert(users).values({ id: dinum.id, proconnectSub: "compta-dinum", idpId: "test", email: dinum.email });
    adminIds = (await db.select({ id: administrations.id }).from(administrations).orderBy(administrations.siret)).map((row) => row.id);
    [lender, borrower] = [adminIds[0]!, adminIds[1]!];
    missionIds = (await db.select({ id: missions.id }).from(missions)).map((row) => row.id);
    agentIds = (await db.select({ id: users.id }).from(users).where(ne(users.id, dinum.id))).map((row) => row.id);
  });

  it("la confirmation des heures par le demandeur les comptabilise dans la même transaction", async () => {
    const { db } = database();
    const [mission] = await db.select().from(missions).where(eq(missions.state, "publiee")).limit(1);
    const [author] = await db.select().from(users).where(eq(users.id, mission!.authorId));
    const [agent] = await db
      .select()
      .from(users)
      .where(and(ne(users.administrationId, mission!.administrationId), ne(users.id, dinum.id)))
      .limit(1);
    await db.update(missions).set({ state: "en_cours" }).where(eq(missions.id, mission!.id));
    const [candidate] = await db
      .insert(missionCandidates)
      .values({ missionId: mission!.id, agentId: agent!.id, origin: "ajout_dinum", state: "selectionnee", hoursState: "declarees", declaredHours: 7 })
      .returning({ id: missionCandidates.id });
    const demandeur: CurrentUser = { ...dinum, id: author!.id, email: author!.email, administrationId: mission!.administrationId, roles: ["agent", "demandeur"] };
    const before = await balanceOf(db, agent!.administrationId!);

    await reviewHours(db, demandeur, { candidateId: candidate!.id, decision: "confirmer" });

    const [record] = await db.select().from(confirmedHours).where(eq(confirmedHours.candidateId, candidate!.id));
    const [transaction] = await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.confirmedHoursId, record!.id));
    expect(transaction).toMatchObject({ kind: "heures_mission", missionId: mission!.id });
    const entries = await db.select().from(ledgerEntries).where(eq(ledgerEntries.transactionId, transaction!.id));
    expect(entries.map((entry) => [entry.administrationId, Number(entry.amount)]).sort()).toEqual(
      [
        [mission!.administrationId, -7],
        [agent!.administrationId, 7],
      ].sort(),
    );
    expect(await balanceOf(db, agent!.administrationId!)).toBe(before + 7);
    await expectLedgerInvariants(db);
  });

  it("un rejeu comptabilise une seule fois ; sans administration prêteuse, rien n'est comptabilisé", async () => {
    const { db } = database();
    const row = await newConfirmedHours(db, { lending: lender, borrowing: borrower, hours: 5 });
    const first = await postConfirmedHours(db, row);
    const replay = await postConfirmedHours(db, row);
    expect(first.posted).toBe(true);
    expect(replay).toEqual({ posted: false, reason: "Ces heures sont déjà comptabilisées." });
    expect(await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.confirmedHoursId, row.id))).toHaveLength(1);

    const orphan = await newConfirmedHours(db, { lending: null, borrowing: borrower, hours: 3 });
    const skipped = await postConfirmedHours(db, orphan);
    expect(skipped.posted).toBe(false);
    expect(skipped.posted === false && skipped.reason).toContain("inconnue");
    expect(await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.confirmedHoursId, orphan.id))).toHaveLength(0);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "compensation.non_comptabilisee"), eq(auditLog.entityId, orphan.id)));
    expect(audit).toBeDefined();
    await expectLedgerInvariants(db);
  });

  it("des comptabilisations concurrentes restent équilibrées et une même participation n'est comptée qu'une fois", async () => {
    const { db } = database();
    const lenderBefore = await balanceOf(db, lender);
    const borrowerBefore = await balanceOf(db, borrower);
    const rows = [];
    for (let index = 0; index < 12; index++) {
      rows.push(await newConfirmedHours(db, { lending: index % 2 ? lender : adminIds[2]!, borrowing: index % 2 ? borrower : lender, hours: index + 1 }));
    }
    const same = await newConfirmedHours(db, { lending: lender, borrowing: borrower, hours: 4 });
    const results = await Promise.all([...rows.map((row) => postConfirmedHours(db, row)), ...Array.from({ length: 8 }, () => postConfirmedHours(db, same))]);
    expect(results.slice(0, rows.length).every((result) => result.posted)).toBe(true);
    expect(results.slice(rows.length).filter((result) => result.posted)).toHaveLength(1);
    expect(await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.confirmedHoursId, same.id))).toHaveLength(1);

    // lender: +2+4+…+12 (odd indexes) + 4 (same) − (1+3+…+11) (even indexes borrow from it)
    expect(await balanceOf(db, lender)).toBe(lenderBefore + 42 + 4 - 36);
    expect(await balanceOf(db, borrower)).toBe(borrowerBefore - 42 - 4);
    await expectLedgerInvariants(db);
  });

  it("la DINUM enregistre un rachat : l'administration est débitée, les services DINUM crédités, avec audit", async () => {
    const { db } = database();
    const before = await balanceOf(db, lender);
    const servicesBefore = Number((await ministryBalances(db, dinum)).servicesDinum);
    await expect(recordRedemption(db, memberOf(lender), { administrationId: lender, credits: 5, description: "Audit", reason: "Pour voir", idempotencyKey: randomUUID() })).rejects.toThrow("DINUM");
    const { transactionId } = await recordRedemption(db, dinum, { administrationId: lender, credits: 2.5, description: "Audit de sécurité", reason: "Accordé en comité", idempotencyKey: randomUUID() });
    expect(await balanceOf(db, lender)).toBe(before - 2.5);
    expect(Number((await ministryBalances(db, dinum)).servicesDinum)).toBe(servicesBefore + 2.5);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "compensation.rachat"), eq(auditLog.entityId, transactionId)));
    expect(audit).toMatchObject({ actorUserId: dinum.id, reason: "Accordé en comité" });
    await expectLedgerInvariants(db);
  });

  it("une opération se corrige une seule fois, même en concurrence ; une correction ne se corrige pas", async () => {
    const { db } = database();
    const row = await newConfirmedHours(db, { lending: lender, borrowing: borrower, hours: 9 });
    const posting = await postConfirmedHours(db, row);
    if (!posting.posted) throw new Error("comptabilisation attendue");
    const lenderBefore = await balanceOf(db, lender);
    await expect(reverseTransaction(db, memberOf(lender), { transactionId: posting.transactionId, reason: "Erreur de saisie", idempotencyKey: randomUUID() })).rejects.toThrow("DINUM");

    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, () => reverseTransaction(db, dinum, { transactionId: posting.transactionId, reason: "Heures déclarées deux fois", idempotencyKey: randomUUID() })),
    );
    const succeeded = attempts.filter((attempt) => attempt.status === "fulfilled");
    expect(succeeded).toHaveLength(1);
    for (const attempt of attempts) {
      if (attempt.status === "rejected") expect(String(attempt.reason)).toContain("déjà été corrigée");
    }
    expect(await balanceOf(db, lender)).toBe(lenderBefore - 9);
    const corrections = await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.reversesTransactionId, posting.transactionId));
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({ kind: "correction", reason: "Heures déclarées deux fois", createdById: dinum.id });

    await expect(reverseTransaction(db, dinum, { transactionId: corrections[0]!.id, reason: "Annuler l'annulation", idempotencyKey: randomUUID() })).rejects.toThrow("Une correction ne peut pas être annulée");
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "compensation.correction"), eq(auditLog.entityId, corrections[0]!.id)));
    expect(audit?.reason).toBe("Heures déclarées deux fois");
    await expectLedgerInvariants(db);
  });

  it("chaque administration ne lit que son propre relevé ; la DINUM les lit tous", async () => {
    const { db } = database();
    const member = memberOf(lender);
    const own = await getStatement(db, member, lender);
    expect(own.total).toBeGreaterThan(0);
    expect(Number(own.balance)).toBe(await balanceOf(db, lender));
    // Newest first; the first line's running balance is the account's balance.
    expect(Number(own.lines[0]!.runningBalance)).toBe(Number(own.balance));
    expect((await getBalance(db, member, lender)).balance).toBe(own.balance);
    await expect(getStatement(db, member, borrower)).rejects.toThrow("votre administration");
    await expect(getBalance(db, member, borrower)).rejects.toThrow("votre administration");
    await expect(exportStatementCsv(db, member, borrower)).rejects.toThrow("votre administration");
    await expect(listBalances(db, member)).rejects.toThrow("DINUM");
    await expect(ministryBalances(db, member)).rejects.toThrow("DINUM");
    await expect(exportBalancesCsv(db, member)).rejects.toThrow("DINUM");
    expect((await getStatement(db, dinum, borrower)).total).toBeGreaterThan(0);

    // Pages of 25 lines cut the same ordered list.
    const second = await getStatement(db, dinum, lender, { page: 2 });
    if (own.total > 25) expect(second.lines[0]!.entryId).not.toBe(own.lines[0]!.entryId);
  });

  it("montre le relevé d'une période (jours de Paris, bornes incluses) avec les soldes au début et à la fin", async () => {
    const { db } = database();
    const [mairie] = await db
      .insert(administrations)
      .values({ siret: "21990000000017", name: "Mairie de Relevé-sur-Période", ministry: "Collectivités territoriales" })
      .returning({ id: administrations.id });
    const account = mairie!.id;
    adminIds.push(account);
    // Three services granted on 10 January, 15 February (23:30 in Paris) and 20 March 2025.
    const dated: Array<[number, string]> = [
      [3, "2025-01-10T10:00:00Z"],
      [2.5, "2025-02-15T22:30:00Z"],
      [4, "2025-03-20T09:00:00Z"],
    ];
    for (const [credits, at] of dated) {
      const { transactionId } = await recordRedemption(db, dinum, { administrationId: account, credits, description: "Atelier", reason: "Accordé en comité", idempotencyKey: randomUUID() });
      await db.update(ledgerEntries).set({ createdAt: new Date(at) }).where(eq(ledgerEntries.transactionId, transactionId));
    }

    const february = await getStatement(db, dinum, account, { period: { du: "2025-02-01", au: "2025-02-15" } });
    expect(february.lines.map((line) => line.amount)).toEqual(["-2.50"]);
    expect(february.total).toBe(1);
    expect(february.periodBalances).toEqual({ opening: "-3.00", closing: "-5.50" });
    // The balance after each line is the account's, over all its history; the balance shown is today's.
    expect(february.lines[0]!.runningBalance).toBe("-5.50");
    expect(february.balance).toBe("-9.50");

    // The day before is outside; an open-ended period runs from the start or to today.
    expect((await getStatement(db, dinum, account, { period: { du: "2025-02-16" } })).lines.map((line) => line.amount)).toEqual(["-4.00"]);
    expect((await getStatement(db, dinum, account, { period: { au: "2025-02-14" } })).periodBalances).toEqual({ opening: "0", closing: "-3.00" });
    expect((await getStatement(db, dinum, account)).periodBalances).toBeNull();

    const csv = await exportStatementCsv(db, memberOf(account), account, { du: "2025-02-01", au: "2025-02-28" });
    expect(csv.filename).toBe("releve-compensation-21990000000017-du-2025-02-01-au-2025-02-28.csv");
    const rows = csv.content.slice(1).trimEnd().split("\r\n");
    expect(rows).toHaveLength(2);
    expect(rows[1]!.split(";")[5]).toBe("-2,50");
    await expect(exportStatementCsv(db, memberOf(lender), account, { du: "2025-02-01" })).rejects.toThrow("votre administration");
  });

  it("les soldes se regroupent par ministère", async () => {
    const { db } = database();
    const { rows } = await listBalances(db, dinum, { all: true });
    const { ministries } = await ministryBalances(db, dinum);
    for (const ministry of ministries) {
      const expected = rows.filter((row) => row.ministry === ministry.ministry).reduce((total, row) => total + Number(row.balance), 0);
      expect(Number(ministry.balance)).toBeCloseTo(expected, 2);
    }
    const sorted = await listBalances(db, dinum, { sort: "solde", order: "desc" });
    const balances = sorted.rows.map((row) => Number(row.balance));
    expect(balances).toEqual([...balances].sort((a, b) => b - a));
  });

  it("exporte le relevé et les soldes en CSV pour un tableur français", async () => {
    const { db } = database();
    const statement = await exportStatementCsv(db, memberOf(lender), lender);
    expect(statement.filename).toMatch(/^releve-compensation-\d{14}-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(statement.content.startsWith("\uFEFF")).toBe(true);
    const lines = statement.content.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("Date;Type d'opération;Libellé;Mission;Motif;Montant (crédits);Solde après l'opération (crédits);Référence de l'opération");
    const { total, balance } = await getStatement(db, dinum, lender);
    expect(lines).toHaveLength(total + 1);
    // Oldest first: the last line's running balance is the balance, with a decimal comma.
    const last = lines.at(-1)!.split(";");
    expect(last[6]).toBe(balance.replace(".", ","));
    expect(statement.content).toContain(";Service DINUM accordé;Audit de sécurité;;Accordé en comité;-2,50;");

    const balances = await exportBalancesCsv(db, dinum);
    const balanceLines = balances.content.slice(1).trimEnd().split("\r\n");
    expect(balanceLines[0]).toBe("Administration;SIRET;Ministère;Crédits reçus;Crédits débités;Solde (crédits);Nombre d'écritures");
    expect(balanceLines).toHaveLength(adminIds.length + 1);
    const [lenderRow] = await db.select().from(administrations).where(eq(administrations.id, lender));
    const lenderLine = balanceLines.find((line) => line.includes(lenderRow!.siret))!;
    expect(lenderLine.split(";")[5]).toBe(balance.replace(".", ","));
  });
});

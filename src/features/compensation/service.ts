import "server-only";
import { and, asc, count, desc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import { auditActor, recordAudit } from "@/server/audit";
import { assertRole, AuthorizationError, hasRole, type CurrentUser } from "@/server/auth/roles";
import type { Executor } from "@/server/db/client";
import { administrations, missions } from "@/server/db/schema";
import { ledgerEntries, ledgerTransactions } from "@/server/db/schema-compensation";
import type { confirmedHours } from "@/server/db/schema-parcours";
import { DomainError, NotFoundError } from "@/server/errors";
import { LEDGER_KINDS, type BalanceSortKey, type LedgerKind } from "./constants";
import { centsToAmount, creditsForHours, negateAmount, toCents } from "./amounts";
import { csvDate, toCsv } from "@/lib/csv";
import type { DayPeriod } from "@/lib/period";
import type { Redemption, Reversal } from "./schemas";
import { serverEnv } from "@/server/env";

export { LEDGER_KINDS, type LedgerKind } from "./constants";

/** An administration's account, and the counterpart of redemptions (the services DINUM grants). */
const ADMINISTRATION_ACCOUNT = "administration";
const SERVICES_DINUM_ACCOUNT = "services_dinum";

const DINUM_ONLY = "Seule l'équipe DINUM gère le registre de compensation.";

/** DINUM reads every statement; a member of an administration reads only their own. */
function requireStatementReader(actor: CurrentUser, administrationId: string) {
  if (hasRole(actor, "dinum")) return;
  if (actor.administrationId && actor.administrationId === administrationId) return;
  throw new AuthorizationError("Vous ne pouvez consulter que le relevé de votre administration.");
}


// ---------------------------------------------------------------------------------------------
// Postings
// ---------------------------------------------------------------------------------------------

export type PostingResult = { posted: true; transactionId: string; amount: string } | { posted: false; reason: string };

type ConfirmedHoursRow = Pick<
  typeof confirmedHours.$inferSelect,
  "id" | "missionId" | "lendingAdministrationId" | "borrowingAdministrationId" | "hours"
>;

/**
 * Posts one participation's confirmed hours: the borrowing administration is debited and the
 * lending one credited, hours × LEDGER_CREDITS_PER_HOUR. Called in the transaction that records
 * the confirmation. The unique index on confirmed_hours_id makes a replay, or two concurrent
 * calls, post once: the loser inserts nothing and adds no entry.
 */
export async function postConfirmedHours(executor: Executor, row: ConfirmedHoursRow, missionTitle?: string): Promise<PostingResult> {
  return executor.transaction(async (tx) => {
    const skip = async (reason: string): Promise<PostingResult> => {
      await recordAudit(tx, {
        actor: { userId: null, label: "registre de compensation" },
        action: "compensation.non_comptabilisee",
        entityType: "confirmed_hours",
        entityId: row.id,
        reason,
        details: { heures: row.hours },
      });
      return { posted: false, reason };
    };
    // Never post half a transaction: without a lender there is no one to credit.
    if (!row.lendingAdministrationId) {
      return skip("L'administration de l'agent est inconnue : ces heures ne sont pas comptabilisées. Corrigez son administration, puis enregistrez une opération si besoin.");
    }
    if (row.lendingAdministrationId === row.borrowingAdministrationId) {
      return skip("L'agent appartient à l'administration qui l'accueille : il n'y a rien à compenser.");
    }
    const title = missionTitle ?? (await tx.select({ title: missions.title }).from(missions).where(eq(missions.id, row.missionId)))[0]?.title;
    const rate = serverEnv().LEDGER_CREDITS_PER_HOUR;
    const amount = creditsForHours(row.hours, rate);
    const [transaction] = await tx
      .insert(ledgerTransactions)
      .values({
        kind: "heures_mission",
        missionId: row.missionId,
        confirmedHoursId: row.id,
        description: `Heures de mission « ${title ?? "mission"} » : ${row.hours} h × ${rate} crédit${rate >= 2 ? "s" : ""}`,
      })
      .onConflictDoNothing({ target: ledgerTransactions.confirmedHoursId })
      .returning({ id: ledgerTransactions.id });
    if (!transaction) return { posted: false, reason: "Ces heures sont déjà comptabilisées." };
    await tx.insert(ledgerEntries).values([
      { transactionId: transaction.id, account: ADMINISTRATION_ACCOUNT, administrationId: row.borrowingAdministrationId, amount: negateAmount(amount) },
      { transactionId: transaction.id, account: ADMINISTRATION_ACCOUNT, administrationId: row.lendingAdministrationId, amount },
    ]);
    return { posted: true, transactionId: transaction.id, amount };
  });
}

/**
 * The operation already recorded under this idempotency key: the same request sent again gets the
 * first result. A key that served another operation, or another person, is refused: it is the
 * form's, not a way to read someone else's result.
 */
async function replayOf(
  executor: Executor,
  actor: CurrentUser,
  idempotencyKey: string,
  same: (transaction: typeof ledgerTransactions.$inferSelect) => boolean,
): Promise<{ transactionId: string } | null> {
  const [existing] = await executor.select().from(ledgerTransactions).where(eq(ledgerTransactions.idempotencyKey, idempotencyKey));
  if (!existing) return null;
  if (existing.createdById !== actor.id || !same(existing)) {
    throw new DomainError("Ce formulaire a déjà servi à une autre opération : rechargez la page, puis recommencez.");
  }
  return { transactionId: existing.id };
}

/**
 * DINUM grants a service to an administration in exchange for credits: its account is debited.
 * Idempotent: the unique index on idempotency_key lets one of concurrent identical requests insert;
 * the others wait for it (ON CONFLICT), insert nothing and answer its result.
 */
export async function recordRedemption(executor: Executor, actor: CurrentUser, input: Redemption) {
  assertRole(actor, "dinum", DINUM_ONLY);
  return executor.transaction(async (tx) => {
    const administration = await loadAdministration(tx, input.administrationId);
    const amount = centsToAmount(toCents(input.credits));
    const isSameRequest = (existing: typeof ledgerTransactions.$inferSelect) =>
      existing.kind === "rachat" && existing.description === input.description && existing.reason === input.reason;
    const [transaction] = await tx
      .insert(ledgerTransactions)
      .values({ kind: "rachat", description: input.description, reason: input.reason, createdById: actor.id, idempotencyKey: input.idempotencyKey })
      .onConflictDoNothing({ target: ledgerTransactions.idempotencyKey })
      .returning({ id: ledgerTransactions.id });
    if (!transaction) {
      const replay = await replayOf(tx, actor, input.idempotencyKey, isSameRequest);
      const [debit] = replay
        ? await tx
            .select({ administrationId: ledgerEntries.administrationId, amount: ledgerEntries.amount })
            .from(ledgerEntries)
            .where(and(eq(ledgerEntries.transactionId, replay.transactionId), eq(ledgerEntries.account, ADMINISTRATION_ACCOUNT)))
        : [];
      if (!replay || debit?.administrationId !== administration.id || debit.amount !== negateAmount(amount)) {
        throw new DomainError("Ce formulaire a déjà servi à une autre opération : rechargez la page, puis recommencez.");
      }
      return replay;
    }
    await tx.insert(ledgerEntries).values([
      { transactionId: transaction.id, account: ADMINISTRATION_ACCOUNT, administrationId: administration.id, amount: negateAmount(amount) },
      { transactionId: transaction.id, account: SERVICES_DINUM_ACCOUNT, administrationId: null, amount },
    ]);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "compensation.rachat",
      entityType: "ledger_transaction",
      entityId: transaction.id,
      reason: input.reason,
      details: { administration: administration.name, administrationId: administration.id, credits: amount, service: input.description },
    });
    return { transactionId: transaction.id };
  });
}

/**
 * A correction: a new transaction with the opposite entries of another one, with a reason.
 * The unique index on reverses_transaction_id makes two concurrent reversals reverse once; the
 * one on idempotency_key gives the same request sent again the correction it made.
 */
export async function reverseTransaction(executor: Executor, actor: CurrentUser, input: Reversal) {
  assertRole(actor, "dinum", DINUM_ONLY);
  return executor.transaction(async (tx) => {
    const [original] = await tx.select().from(ledgerTransactions).where(eq(ledgerTransactions.id, input.transactionId));
    if (!original) throw new NotFoundError("Opération");
    if (original.kind === "correction") {
      throw new DomainError("Une correction ne peut pas être annulée à son tour : enregistrez plutôt une nouvelle opération.");
    }
    const [correction] = await tx
      .insert(ledgerTransactions)
      .values({
        kind: "correction",
        missionId: original.missionId,
        reversesTransactionId: original.id,
        description: `Correction de : ${original.description}`,
        reason: input.reason,
        createdById: actor.id,
        idempotencyKey: input.idempotencyKey,
      })
      // Either unique index (the operation already reversed, or this key already used) inserts nothing.
      .onConflictDoNothing()
      .returning({ id: ledgerTransactions.id });
    if (!correction) {
      const replay = await replayOf(
        tx,
        actor,
        input.idempotencyKey,
        (existing) => existing.kind === "correction" && existing.reversesTransactionId === original.id && existing.reason === input.reason,
      );
      if (replay) return replay;
      throw new DomainError("Cette opération a déjà été corrigée : elle ne peut l'être qu'une fois.");
    }
    const entries = await tx.select().from(ledgerEntries).where(eq(ledgerEntries.transactionId, original.id));
    await tx.insert(ledgerEntries).values(
      entries.map((entry) => ({ transactionId: correction.id, account: entry.account, administrationId: entry.administrationId, amount: negateAmount(entry.amount) })),
    );
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "compensation.correction",
      entityType: "ledger_transaction",
      entityId: correction.id,
      reason: input.reason,
      details: { operationCorrigee: original.id, type: original.kind, libelle: original.description },
    });
    return { transactionId: correction.id };
  });
}

// ---------------------------------------------------------------------------------------------
// Balances
// ---------------------------------------------------------------------------------------------

type BalanceSort = BalanceSortKey;
export const BALANCES_PER_PAGE = 50;

/** One row per administration account: its credits, debits and balance, summed by the database. */
function administrationTotals(executor: Executor) {
  return executor
    .select({
      administrationId: ledgerEntries.administrationId,
      credits: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.amount} > 0), 0)`.as("credits"),
      debits: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.amount} < 0), 0)`.as("debits"),
      balance: sql<string>`sum(${ledgerEntries.amount})`.as("balance"),
      entryCount: sql<number>`count(*)::int`.as("entry_count"),
    })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.account, ADMINISTRATION_ACCOUNT), isNotNull(ledgerEntries.administrationId)))
    .groupBy(ledgerEntries.administrationId)
    .as("totals");
}

export interface BalanceRow {
  administrationId: string;
  name: string;
  siret: string;
  ministry: string;
  credits: string;
  debits: string;
  balance: string;
  entryCount: number;
}

/** Every administration with its balance (zero without entries), sorted and paginated by the database. */
export async function listBalances(
  executor: Executor,
  actor: CurrentUser,
  options: { sort?: BalanceSort; order?: "asc" | "desc"; page?: number; ministry?: string; all?: boolean } = {},
) {
  assertRole(actor, "dinum", DINUM_ONLY);
  const totals = administrationTotals(executor);
  const balance = sql<string>`coalesce(${totals.balance}, 0)`;
  const credits = sql<string>`coalesce(${totals.credits}, 0)`;
  const debits = sql<string>`coalesce(${totals.debits}, 0)`;
  const sortColumns: Record<BalanceSort, SQL | AnyPgColumn> = {
    administration: administrations.name,
    ministere: administrations.ministry,
    credits,
    debits,
    solde: balance,
  };
  const direction = options.order === "asc" ? asc : desc;
  const sortColumn = sortColumns[options.sort ?? "solde"];
  const where = options.ministry ? eq(administrations.ministry, options.ministry) : undefined;
  const page = Math.max(1, options.page ?? 1);
  const query = executor
    .select({
      administrationId: administrations.id,
      name: administrations.name,
      siret: administrations.siret,
      ministry: administrations.ministry,
      credits,
      debits,
      balance,
      entryCount: sql<number>`coalesce(${totals.entryCount}, 0)::int`,
    })
    .from(administrations)
    .leftJoin(totals, eq(totals.administrationId, administrations.id))
    .where(where)
    .orderBy(direction(sortColumn), asc(administrations.name), asc(administrations.id));
  const [rows, [total]] = await Promise.all([
    options.all ? query : query.limit(BALANCES_PER_PAGE).offset((page - 1) * BALANCES_PER_PAGE),
    executor.select({ n: count() }).from(administrations).where(where),
  ]);
  return {
    rows: rows.map((row) => ({ ...row, credits: String(row.credits), debits: String(row.debits), balance: String(row.balance) })) as BalanceRow[],
    total: total?.n ?? 0,
    page,
    pageCount: Math.max(1, Math.ceil((total?.n ?? 0) / BALANCES_PER_PAGE)),
  };
}

/** Balances rolled up per ministry (administrations.ministry), with the services granted by DINUM. */
export async function ministryBalances(executor: Executor, actor: CurrentUser) {
  assertRole(actor, "dinum", DINUM_ONLY);
  const totals = administrationTotals(executor);
  const [rows, [ledger]] = await Promise.all([
    executor
      .select({
        ministry: administrations.ministry,
        administrationCount: sql<number>`count(*)::int`,
        credits: sql<string>`coalesce(sum(${totals.credits}), 0)`,
        debits: sql<string>`coalesce(sum(${totals.debits}), 0)`,
        balance: sql<string>`coalesce(sum(${totals.balance}), 0)`,
      })
      .from(administrations)
      .leftJoin(totals, eq(totals.administrationId, administrations.id))
      .groupBy(administrations.ministry)
      .orderBy(asc(administrations.ministry)),
    executor
      .select({
        servicesDinum: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.account} = ${SERVICES_DINUM_ACCOUNT}), 0)`,
        total: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)`,
      })
      .from(ledgerEntries),
  ]);
  return {
    ministries: rows.map((row) => ({ ...row, credits: String(row.credits), debits: String(row.debits), balance: String(row.balance) })),
    /** Credits spent on DINUM services, net of corrections. */
    servicesDinum: String(ledger?.servicesDinum ?? "0"),
    /** The sum of every entry: zero as long as each transaction balances. */
    ledgerTotal: String(ledger?.total ?? "0"),
  };
}

/** Transactions whose entries do not sum to zero: none, by construction; shown to DINUM as a check. */
export async function unbalancedTransactions(executor: Executor, actor: CurrentUser) {
  assertRole(actor, "dinum", DINUM_ONLY);
  return executor
    .select({ transactionId: ledgerEntries.transactionId, total: sql<string>`sum(${ledgerEntries.amount})` })
    .from(ledgerEntries)
    .groupBy(ledgerEntries.transactionId)
    .having(sql`sum(${ledgerEntries.amount}) <> 0`);
}

// ---------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------

export const STATEMENT_LINES_PER_PAGE = 25;

export interface StatementLine {
  entryId: number;
  transactionId: string;
  kind: LedgerKind;
  description: string;
  reason: string | null;
  missionId: string | null;
  missionTitle: string | null;
  createdAt: Date;
  amount: string;
  runningBalance: string;
  /** The correction that reversed this operation, if any. */
  reversedBy: string | null;
  reversesTransactionId: string | null;
}

async function loadAdministration(executor: Executor, administrationId: string) {
  const [administration] = await executor
    .select({ id: administrations.id, name: administrations.name, siret: administrations.siret, ministry: administrations.ministry })
    .from(administrations)
    .where(eq(administrations.id, administrationId));
  if (!administration) throw new NotFoundError("Administration");
  return administration;
}

/**
 * The lines of one administration's account with the balance after each one. The running
 * balance is a window sum over the whole account, computed before the page is cut.
 */
/** The entries of an administration's account. */
function accountOf(administrationId: string): SQL {
  return and(eq(ledgerEntries.account, ADMINISTRATION_ACCOUNT), eq(ledgerEntries.administrationId, administrationId))!;
}

/** Entries from the period's first day to its last, both included (Paris time); all when open-ended. */
function withinPeriod(period: DayPeriod): SQL {
  const { start, end } = periodBounds(period);
  return and(start ? sql`${ledgerEntries.createdAt} >= ${start}` : undefined, end ? sql`${ledgerEntries.createdAt} < ${end}` : undefined) ?? sql`true`;
}

function periodBounds(period: DayPeriod) {
  return {
    start: period.du ? sql`(${period.du}::date)::timestamp at time zone 'Europe/Paris'` : null,
    end: period.au ? sql`(${period.au}::date + 1)::timestamp at time zone 'Europe/Paris'` : null,
  };
}

async function statementLines(
  executor: Executor,
  administrationId: string,
  options: { order: "asc" | "desc"; limit?: number; offset?: number; period?: DayPeriod },
) {
  const account = executor
    .select({
      entryId: ledgerEntries.id,
      transactionId: ledgerEntries.transactionId,
      amount: ledgerEntries.amount,
      createdAt: ledgerEntries.createdAt,
      runningBalance: sql<string>`sum(${ledgerEntries.amount}) over (order by ${ledgerEntries.createdAt}, ${ledgerEntries.id})`.as("running_balance"),
    })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.account, ADMINISTRATION_ACCOUNT), eq(ledgerEntries.administrationId, administrationId)))
    .as("account");
  const reversal = alias(ledgerTransactions, "reversal");
  const direction = options.order === "asc" ? asc : desc;
  const query = executor
    .select({
      entryId: account.entryId,
      transactionId: account.transactionId,
      kind: ledgerTransactions.kind,
      description: ledgerTransactions.description,
      reason: ledgerTransactions.reason,
      missionId: ledgerTransactions.missionId,
      missionTitle: missions.title,
      createdAt: account.createdAt,
      amount: account.amount,
      runningBalance: account.runningBalance,
      reversedBy: reversal.id,
      reversesTransactionId: ledgerTransactions.reversesTransactionId,
    })
    .from(account)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, account.transactionId))
    .leftJoin(missions, eq(missions.id, ledgerTransactions.missionId))
    .leftJoin(reversal, eq(reversal.reversesTransactionId, ledgerTransactions.id))
    .where(inArray(account.entryId, executor.select({ id: ledgerEntries.id }).from(ledgerEntries).where(and(accountOf(administrationId), withinPeriod(options.period ?? {})))))
    .orderBy(direction(account.createdAt), direction(account.entryId));
  const rows = options.limit === undefined ? await query : await query.limit(options.limit).offset(options.offset ?? 0);
  return rows.map((row) => ({ ...row, kind: row.kind as LedgerKind, runningBalance: String(row.runningBalance), createdAt: new Date(row.createdAt) })) as StatementLine[];
}

/**
 * An account's balance and number of entries, and over a period the balances at its start and at
 * its end and its number of entries: one pass over the account.
 */
async function accountFigures(executor: Executor, administrationId: string, period: DayPeriod = {}) {
  const { start, end } = periodBounds(period);
  const [row] = await executor
    .select({
      balance: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)`,
      entryCount: count(),
      opening: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${start ? sql`${ledgerEntries.createdAt} < ${start}` : sql`false`}), 0)`,
      closing: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${end ? sql`${ledgerEntries.createdAt} < ${end}` : sql`true`}), 0)`,
      periodEntryCount: sql<number>`count(*) filter (where ${withinPeriod(period)})`.mapWith(Number),
    })
    .from(ledgerEntries)
    .where(accountOf(administrationId));
  return {
    balance: String(row?.balance ?? "0"),
    entryCount: row?.entryCount ?? 0,
    opening: String(row?.opening ?? "0"),
    closing: String(row?.closing ?? "0"),
    periodEntryCount: row?.periodEntryCount ?? 0,
  };
}

/** An administration's balance: DINUM, or a member of that administration. */
export async function getBalance(executor: Executor, actor: CurrentUser, administrationId: string) {
  requireStatementReader(actor, administrationId);
  const administration = await loadAdministration(executor, administrationId);
  const { balance, entryCount } = await accountFigures(executor, administrationId);
  return { administration, balance, entryCount };
}

/**
 * One administration's statement, newest first, one page at a time; over a period of days when
 * given, with the balances at its start and at its end (the balance after each line stays the
 * account's, computed over all its history).
 */
export async function getStatement(
  executor: Executor,
  actor: CurrentUser,
  administrationId: string,
  options: { page?: number; period?: DayPeriod } = {},
) {
  requireStatementReader(actor, administrationId);
  const period = options.period ?? {};
  const hasPeriod = Boolean(period.du || period.au);
  // Independent reads, sent together: the page waits for one round trip, not two.
  const [administration, figures] = await Promise.all([loadAdministration(executor, administrationId), accountFigures(executor, administrationId, period)]);
  const total = hasPeriod ? figures.periodEntryCount : figures.entryCount;
  const pageCount = Math.max(1, Math.ceil(total / STATEMENT_LINES_PER_PAGE));
  const page = Math.min(Math.max(1, options.page ?? 1), pageCount);
  const lines = await statementLines(executor, administrationId, {
    order: "desc",
    limit: STATEMENT_LINES_PER_PAGE,
    offset: (page - 1) * STATEMENT_LINES_PER_PAGE,
    period,
  });
  return {
    administration,
    balance: figures.balance,
    lines,
    total,
    page,
    pageCount,
    period,
    periodBalances: hasPeriod ? { opening: figures.opening, closing: figures.closing } : null,
  };
}

/** One transaction with its entries, for DINUM's correction form. */
export async function getTransaction(executor: Executor, actor: CurrentUser, transactionId: string) {
  assertRole(actor, "dinum", DINUM_ONLY);
  const reversal = alias(ledgerTransactions, "reversal");
  const [transaction] = await executor
    .select({
      id: ledgerTransactions.id,
      kind: ledgerTransactions.kind,
      description: ledgerTransactions.description,
      reason: ledgerTransactions.reason,
      createdAt: ledgerTransactions.createdAt,
      reversedBy: reversal.id,
    })
    .from(ledgerTransactions)
    .leftJoin(reversal, eq(reversal.reversesTransactionId, ledgerTransactions.id))
    .where(eq(ledgerTransactions.id, transactionId));
  if (!transaction) throw new NotFoundError("Opération");
  const entries = await executor
    .select({ account: ledgerEntries.account, administrationName: administrations.name, amount: ledgerEntries.amount })
    .from(ledgerEntries)
    .leftJoin(administrations, eq(administrations.id, ledgerEntries.administrationId))
    .where(eq(ledgerEntries.transactionId, transactionId))
    .orderBy(asc(ledgerEntries.id));
  return { ...transaction, kind: transaction.kind as LedgerKind, entries };
}

// ---------------------------------------------------------------------------------------------
// CSV exports
// ---------------------------------------------------------------------------------------------

function today() {
  return new Date().toISOString().slice(0, 10);
}

/** The statement, whole or over a period, oldest first, as a French spreadsheet reads it. */
export async function exportStatementCsv(executor: Executor, actor: CurrentUser, administrationId: string, period: DayPeriod = {}) {
  requireStatementReader(actor, administrationId);
  const administration = await loadAdministration(executor, administrationId);
  const lines = await statementLines(executor, administrationId, { order: "asc", period });
  const content = toCsv(
    ["Date", "Type d'opération", "Libellé", "Mission", "Motif", "Montant (crédits)", "Solde après l'opération (crédits)", "Référence de l'opération"],
    lines.map((line) => [
      csvDate(line.createdAt),
      LEDGER_KINDS[line.kind] ?? line.kind,
      line.description,
      line.missionTitle,
      line.reason,
      { amount: line.amount },
      { amount: line.runningBalance },
      line.transactionId,
    ]),
  );
  const span = period.du || period.au ? `-du-${period.du ?? "debut"}-au-${period.au ?? today()}` : `-${today()}`;
  return { filename: `releve-compensation-${administration.siret}${span}.csv`, content };
}

/** Every administration's balance. */
export async function exportBalancesCsv(executor: Executor, actor: CurrentUser) {
  const { rows } = await listBalances(executor, actor, { sort: "administration", order: "asc", all: true });
  const content = toCsv(
    ["Administration", "SIRET", "Ministère", "Crédits reçus", "Crédits débités", "Solde (crédits)", "Nombre d'écritures"],
    rows.map((row) => [row.name, row.siret, row.ministry, { amount: row.credits }, { amount: row.debits }, { amount: row.balance }, row.entryCount]),
  );
  return { filename: `soldes-compensation-${today()}.csv`, content };
}

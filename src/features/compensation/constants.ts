/** Shared by the service, the pages and the client tables (no server code here). */
export const LEDGER_KINDS = {
  heures_mission: "Heures de mission",
  rachat: "Service DINUM accordé",
  correction: "Correction",
} as const;
export type LedgerKind = keyof typeof LEDGER_KINDS;

export const BALANCE_SORT_KEYS = ["administration", "ministere", "credits", "debits", "solde"] as const;
export type BalanceSortKey = (typeof BALANCE_SORT_KEYS)[number];

/** `?tri=solde&ordre=desc&page=2&ministere=…` → the balances query, defaults for anything unknown. */
export function parseBalanceParams(params: { tri?: string; ordre?: string; page?: string; ministere?: string }) {
  const sort: BalanceSortKey = (BALANCE_SORT_KEYS as readonly string[]).includes(params.tri ?? "") ? (params.tri as BalanceSortKey) : "solde";
  const order: "asc" | "desc" = params.ordre === "asc" ? "asc" : params.ordre === "desc" ? "desc" : sort === "administration" || sort === "ministere" ? "asc" : "desc";
  const page = Math.max(1, Math.floor(Number(params.page)) || 1);
  const ministry = params.ministere?.trim() ? params.ministere.trim().slice(0, 200) : undefined;
  return { sort, order, page, ministry };
}

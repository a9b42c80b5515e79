import { formatNumber } from "@/lib/format-fr";

/**
 * Credits are stored as numeric(14, 2). Arithmetic goes through whole cents so that a rate such
 * as 1.1 credit per hour never leaves floating-point dust in the ledger.
 */
export function toCents(credits: number): number {
  return Math.round(credits * 100);
}

/** Cents → the decimal string Postgres stores ("-12.50"). */
export function centsToAmount(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`;
}

/** The opposite of a stored amount, exactly, without going through a float. */
export function negateAmount(amount: string): string {
  const trimmed = amount.trim();
  if (/^-?0+(\.0+)?$/.test(trimmed)) return trimmed.replace(/^-/, "");
  return trimmed.startsWith("-") ? trimmed.slice(1) : `-${trimmed}`;
}

export function creditsForHours(hours: number, ratePerHour: number): string {
  return centsToAmount(Math.round(hours * ratePerHour * 100));
}

/** True when a number of credits has at most two decimals. */
export function hasAtMostTwoDecimals(credits: number): boolean {
  return Math.abs(credits * 100 - Math.round(credits * 100)) < 1e-6;
}

/** "1234.5" → "1 234,5 crédits", "-36" → "−36 crédits" (true minus sign) for the pages. */
export function formatCredits(amount: string | number): string {
  const value = Number(amount);
  return `${formatNumber(value)} crédit${Math.abs(value) >= 2 ? "s" : ""}`;
}

/** A signed amount for statements: "+12", "−3,5". */
export function formatSignedCredits(amount: string | number): string {
  const value = Number(amount);
  return value > 0 ? `+${formatNumber(value)}` : formatNumber(value);
}

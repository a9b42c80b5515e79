import { createHmac } from "node:crypto";
import pino, { type Logger } from "pino";

/**
 * The one logger of the server: JSON lines on stdout, one per request, per server action, per
 * email delivery attempt and per notable event. Never an email address, a name, a token or a
 * consent link: users appear as a keyed pseudonym, errors as their class and a scrubbed message.
 *
 * Not "server-only": the HTTP server (scripts/serve.ts) and the Next.js bundle both use it;
 * each gets its own instance, writing to the same stdout.
 */
const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LEVELS)[number];

function levelFromEnv(): LogLevel {
  const wanted = (process.env.LOG_LEVEL ?? "").trim().toLowerCase();
  if ((LEVELS as readonly string[]).includes(wanted)) return wanted as LogLevel;
  return process.env.NODE_ENV === "test" ? "silent" : "info";
}

const state = globalThis as typeof globalThis & { __pvtLogger?: Logger };

export function logger(): Logger {
  state.__pvtLogger ??= pino({
    level: levelFromEnv(),
    base: { service: "partagez-vos-talents", pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Defence in depth: fields that must never carry personal data if a caller slips.
    redact: { paths: ["email", "*.email", "to", "toAddress", "*.toAddress", "token", "*.token", "name", "*.name"], censor: "[retiré]" },
  });
  return state.__pvtLogger;
}

/** For tests: a logger writing elsewhere (or null to go back to stdout). */
export function setLogger(replacement: Logger | null) {
  state.__pvtLogger = replacement ?? undefined;
}

/**
 * A stable pseudonym of a user id: the same user gives the same value across instances and
 * restarts, but the logs alone cannot be joined to the users table without the server's secret.
 */
export function pseudonym(userId: string): string {
  const key = process.env.AUTH_SECRET || "partagez-vos-talents";
  return `u_${createHmac("sha256", key).update(userId).digest("hex").slice(0, 16)}`;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Single-use links and bearer values: long url-safe strings after a slash or an equals sign.
const TOKEN = /([/=])[A-Za-z0-9_-]{24,}/g;

/** Removes email addresses and token-like strings from a free text (an error message). */
export function scrub(text: string): string {
  return text.replace(EMAIL, "[courriel]").replace(TOKEN, "$1[jeton]").slice(0, 300);
}

/** The class of an error, as logged: its name (never its data). */
export function errorClass(error: unknown): string {
  // The name the class gives itself first: constructor names are minified in the production bundle.
  if (error instanceof Error) return error.name && error.name !== "Error" ? error.name : error.constructor?.name || "Error";
  return typeof error;
}

/** The fields that describe an error in a log line. */
export function errorFields(error: unknown) {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    errorClass: errorClass(error),
    errorMessage: scrub(error instanceof Error ? error.message : String(error)),
    ...(typeof code === "string" ? { errorCode: code } : {}),
  };
}

import { createHash, randomBytes } from "node:crypto";

export const CONSENT_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;
export const CONSENT_REMINDER_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

/** 256 random bits for the link; only the hash is stored, so a leak of the database opens no consent. */
export function createConsentToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashConsentToken(token) };
}

export function hashConsentToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Cheap shape check before touching the database: a forged link gets the same answer as an unknown one. */
export function looksLikeConsentToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

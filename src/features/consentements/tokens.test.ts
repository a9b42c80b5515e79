import { describe, expect, it } from "vitest";
import { createConsentToken, hashConsentToken, looksLikeConsentToken } from "./tokens";

describe("jetons de consentement", () => {
  it("sont aléatoires, au bon format, et seul leur condensé est comparé", () => {
    const first = createConsentToken();
    const second = createConsentToken();
    expect(first.token).not.toBe(second.token);
    expect(looksLikeConsentToken(first.token)).toBe(true);
    expect(first.tokenHash).toBe(hashConsentToken(first.token));
    expect(first.tokenHash).not.toContain(first.token);
  });
  it("refusent une forme inattendue", () => {
    expect(looksLikeConsentToken("../../etc/passwd")).toBe(false);
    expect(looksLikeConsentToken("")).toBe(false);
  });
});

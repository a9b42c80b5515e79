import { describe, expect, it } from "vitest";
import { createUnsubscribeToken, hashUnsubscribeToken, looksLikeUnsubscribeToken } from "./tokens";

describe("jetons de désabonnement", () => {
  it("sont aléatoires, et seule leur empreinte est gardée", () => {
    const first = createUnsubscribeToken();
    const second = createUnsubscribeToken();
    expect(first.token).not.toBe(second.token);
    expect(looksLikeUnsubscribeToken(first.token)).toBe(true);
    expect(first.tokenHash).toBe(hashUnsubscribeToken(first.token));
    expect(first.tokenHash).not.toContain(first.token);
  });

  it("refusent d'emblée ce qui n'en a pas la forme", () => {
    for (const forged of ["", "abc", "../../etc", `${"a".repeat(42)}!`]) expect(looksLikeUnsubscribeToken(forged)).toBe(false);
  });
});

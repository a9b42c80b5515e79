import { describe, expect, it } from "vitest";
import { centsToAmount, creditsForHours, hasAtMostTwoDecimals, negateAmount, toCents } from "./amounts";

describe("montants du registre", () => {
  it("calcule en centimes, sans poussière de virgule flottante", () => {
    expect(creditsForHours(3, 1.1)).toBe("3.30");
    expect(creditsForHours(12, 1)).toBe("12.00");
    expect(centsToAmount(toCents(0.1 + 0.2))).toBe("0.30");
    expect(centsToAmount(-5)).toBe("-0.05");
  });

  it("prend l'opposé exact d'un montant stocké", () => {
    expect(negateAmount("12.50")).toBe("-12.50");
    expect(negateAmount("-12.50")).toBe("12.50");
    expect(negateAmount("0.00")).toBe("0.00");
  });

  it("refuse plus de deux décimales", () => {
    expect(hasAtMostTwoDecimals(2.5)).toBe(true);
    expect(hasAtMostTwoDecimals(0.29)).toBe(true);
    expect(hasAtMostTwoDecimals(1.005)).toBe(false);
  });
});

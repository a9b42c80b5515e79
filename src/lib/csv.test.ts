import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("CSV pour un tableur français", () => {
  it("BOM, points-virgules, virgule décimale, guillemets et formules neutralisées", () => {
    const csv = toCsv(["Libellé", "Montant"], [["Audit ; « sécurité »", { amount: "-2.50" }], ['=HYPERLINK("x")', { amount: "3.00" }]]);
    expect(csv).toBe('\uFEFFLibellé;Montant\r\n"Audit ; « sécurité »";-2,50\r\n"\'=HYPERLINK(""x"")";3,00\r\n');
  });

  it("écrit les nombres avec une virgule décimale et les cellules vides sans rien", () => {
    expect(toCsv(["Heures", "Taux", "Note"], [[12, 0.375, null]])).toBe("\uFEFFHeures;Taux;Note\r\n12;0,375;\r\n");
  });
});

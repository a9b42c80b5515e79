import { describe, expect, it } from "vitest";
import { formatDate, formatDateRange, formatDateTime, formatDateWithWeekday, formatMonth, formatNumber, plural, pluralWord, withArticle } from "./format-fr";

describe("formatDate", () => {
  it("writes the first of the month « 1er »", () => {
    expect(formatDate("2027-03-01")).toBe("1er mars 2027");
    expect(formatDate("2027-03-02")).toBe("2 mars 2027");
  });
  it("reads an instant in Paris time (23:30 UTC on 28 February is already 1 March in Paris)", () => {
    expect(formatDate(new Date("2027-02-28T23:30:00Z"))).toBe("1er mars 2027");
  });
  it("says when a date is missing", () => {
    expect(formatDate(null)).toBe("non renseignée");
    expect(formatDate(undefined, "—")).toBe("—");
  });
});

describe("formatDateTime", () => {
  it("writes the time the French way, in Paris time (summer time too)", () => {
    expect(formatDateTime(new Date("2027-03-01T13:05:00Z"))).toBe("1er mars 2027 à 14 h 05");
    expect(formatDateTime(new Date("2027-07-14T08:00:00Z"))).toBe("14 juillet 2027 à 10 h 00");
  });
});

describe("formatDateRange", () => {
  it("writes both ends", () => {
    expect(formatDateRange("2027-03-01", "2027-04-30")).toBe("du 1er mars 2027 au 30 avril 2027");
  });
});

describe("formatNumber", () => {
  it("uses the true minus sign, never a hyphen", () => {
    expect(formatNumber(-36)).toBe("\u221236");
    expect(formatNumber(-1234.5)).toBe("\u22121\u202f234,5");
    expect(formatNumber(0)).toBe("0");
  });
});

describe("plural", () => {
  it("follows French rules: 0 and 1 are singular", () => {
    expect(plural(0, "candidat", "candidats")).toBe("0 candidat");
    expect(plural(1, "candidat", "candidats")).toBe("1 candidat");
    expect(plural(2, "candidat", "candidats")).toBe("2 candidats");
    expect(pluralWord(3, "attend", "attendent")).toBe("attendent");
  });
});

describe("withArticle", () => {
  it.each([
    ["Mairie de Saint-Brieuc", "la Mairie de Saint-Brieuc"],
    ["Ministère de l'Intérieur — DNUM", "le Ministère de l'Intérieur — DNUM"],
    ["Agence nationale de la sécurité des systèmes d'information", "l’Agence nationale de la sécurité des systèmes d'information"],
    ["CHU de Lille", "le CHU de Lille"],
    ["Météo-France", "Météo-France"],
  ])("%s → %s", (name, expected) => {
    expect(withArticle(name)).toBe(expected);
  });
});

describe("formatDateWithWeekday", () => {
  it("names the day of the week", () => {
    expect(formatDateWithWeekday("2030-06-12")).toBe("mercredi 12 juin 2030");
    expect(formatDateWithWeekday("2027-03-01")).toBe("lundi 1er mars 2027");
  });
});

describe("formatMonth", () => {
  it("écrit un mois yyyy-mm en toutes lettres, sans formateur ICU", () => {
    expect(formatMonth("2025-03")).toBe("mars 2025");
    expect(formatMonth("2026-08")).toBe("août 2026");
    expect(formatMonth("2026-12")).toBe("décembre 2026");
    expect(formatMonth("2026-13")).toBe("2026-13");
  });
});

import { describe, expect, it } from "vitest";
import { hrefWith, isAdministrationId, pageParam, parseCatalogueQuery, parseDinumMissionsQuery } from "./search-params";

describe("paramètres d'URL des listes de missions", () => {
  it("lit les filtres du catalogue tels que le formulaire GET les envoie", () => {
    expect(
      parseCatalogueQuery({ q: " securite ", famille: "cms", mode: "mixte", lieu: "", heuresMin: "", heuresMax: "20", du: "2027-03", au: "", tri: "effort", page: "2" }),
    ).toEqual({ q: "securite", famille: "cms", mode: "mixte", lieu: undefined, heuresMin: undefined, heuresMax: 20, du: "2027-03", au: undefined, tri: "effort", page: 2 });
  });

  it("ignore ce qui ne se lit pas au lieu d'échouer", () => {
    expect(parseCatalogueQuery({ mode: "partout", heuresMin: "beaucoup", heuresMax: "900", du: "2027-13", tri: "hasard", page: "-1" })).toEqual({
      q: undefined,
      famille: undefined,
      mode: undefined,
      lieu: undefined,
      heuresMin: undefined,
      heuresMax: undefined,
      du: undefined,
      au: undefined,
      tri: undefined,
      page: 1,
    });
    expect(parseDinumMissionsQuery({ etat: ["publiee", "brouillon"], administration: "  ", tri: "x", ordre: "y" })).toMatchObject({
      etat: "publiee",
      administration: undefined,
      tri: "creation",
      ordre: "desc",
      page: 1,
    });
  });

  it("lit l'administration comme un identifiant ou comme une partie de nom", () => {
    expect(parseDinumMissionsQuery({ administration: " Préfecture " }).administration).toBe("Préfecture");
    expect(isAdministrationId("Préfecture")).toBe(false);
    expect(isAdministrationId("a1c29eff-4714-4622-a96c-82b311e0ce2e")).toBe(true);
  });

  it("construit des liens courts qui gardent les filtres", () => {
    expect(hrefWith("/missions", { q: "wordpress", mode: undefined, page: 3 }, { page: 1 })).toBe("/missions?q=wordpress");
    expect(hrefWith("/missions", { q: "données personnelles" }, { page: 2 })).toBe("/missions?q=donn%C3%A9es+personnelles&page=2");
  });
});

describe("pageParam", () => {
  it("reads a whole page number from 1 and falls back to page 1 for anything else", () => {
    expect(pageParam("3")).toBe(3);
    expect(pageParam(undefined)).toBe(1);
    for (const bad of ["0", "-2", "1.5", "deux", ""]) expect(pageParam(bad), bad).toBe(1);
    expect(pageParam("99999")).toBe(10_000);
  });
});

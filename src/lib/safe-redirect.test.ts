import { describe, expect, it } from "vitest";
import { loginPathFor, safeInternalPath } from "./safe-redirect";

describe("safeInternalPath", () => {
  it("keeps a path of this site", () => {
    expect(safeInternalPath("/agent?onglet=profil", "/")).toBe("/agent?onglet=profil");
  });
  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "", null, undefined, "agent"])(
    "refuses %s",
    (candidate) => {
      expect(safeInternalPath(candidate, "/")).toBe("/");
    },
  );
});

describe("safeInternalPath, characters a browser would rewrite", () => {
  it.each(["/\t/evil.example", "/\n/evil.example", "/missions\\..\\evil"])("refuses %j", (candidate) => {
    expect(safeInternalPath(candidate, "/")).toBe("/");
  });
});

describe("loginPathFor", () => {
  it("brings the visitor back to the page asked for", () => {
    expect(loginPathFor("/missions/abc?onglet=1")).toBe("/connexion?callbackUrl=%2Fmissions%2Fabc%3Fonglet%3D1");
  });
  it.each([null, "/", "https://evil.example", "//evil.example"])("sends %s to the plain login page", (path) => {
    expect(loginPathFor(path)).toBe("/connexion");
  });
});

import { describe, expect, it } from "vitest";
import { safeInternalPath } from "./safe-redirect";

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

import { describe, expect, it } from "vitest";
import { routeOf } from "./http";
import { errorFields, pseudonym, scrub } from "./logger";

describe("logs without personal data", () => {
  it("replaces email addresses and long tokens in free text", () => {
    const text = scrub('duplicate key value (email)=(camille.martin@exemple.gouv.fr) at /consentement/Zk3_aB9xQ0pLmN7vR2sT4uWy8eDf');
    expect(text).not.toContain("camille.martin@exemple.gouv.fr");
    expect(text).not.toContain("Zk3_aB9xQ0pLmN7vR2sT4uWy8eDf");
  });

  it("logs a route without ids, tokens or query", () => {
    expect(routeOf("/consentement/Zk3_aB9xQ0pLmN7vR2sT4uWy8eDf?x=1")).toBe("/consentement/:jeton");
    expect(routeOf("/dinum/missions/0b6f1c1e-8d3a-4f7e-9a55-3f1f0b2c9d10/revue")).toBe("/dinum/missions/:id/revue");
    expect(routeOf("/missions?q=camille.martin@exemple.gouv.fr")).toBe("/missions");
    expect(routeOf("/mentions-legales")).toBe("/mentions-legales");
  });

  it("gives a user a stable pseudonym that is not their id", () => {
    const id = "0b6f1c1e-8d3a-4f7e-9a55-3f1f0b2c9d10";
    expect(pseudonym(id)).toBe(pseudonym(id));
    expect(pseudonym(id)).not.toContain(id.slice(0, 8));
    expect(pseudonym(id)).not.toBe(pseudonym("another"));
  });

  it("describes an error by its class and a scrubbed message", () => {
    class SmtpRefused extends Error {}
    const fields = errorFields(new SmtpRefused("550 mailbox camille@exemple.gouv.fr unknown"));
    expect(fields.errorClass).toBe("SmtpRefused");
    expect(fields.errorMessage).not.toContain("camille@");
  });
});

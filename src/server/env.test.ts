import { describe, expect, it } from "vitest";
import { productionSmtpProblem, type ServerEnv } from "./env";

const base = { NODE_ENV: "production", SMTP_URL: undefined } as unknown as ServerEnv;

describe("réglages de production", () => {
  it("refuse de démarrer en production sans SMTP_URL, avec un message qui dit quoi faire", () => {
    expect(productionSmtpProblem(base)).toMatch(/SMTP_URL doit être défini/);
    expect(productionSmtpProblem({ ...base, SMTP_URL: "smtp://relais.exemple.gouv.fr:587" })).toBeNull();
    expect(productionSmtpProblem({ ...base, NODE_ENV: "development" })).toBeNull();
  });
});

import { existsSync, readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// Written by scripts/e2e-server.sh (APP_LOG_FILE): the app's stdout during this run.
const logFile = `.data/e2e-${port}/app.log`;

test("the server's logs of the run are JSON lines without an email address or a consent link", () => {
  expect(existsSync(logFile), `${logFile} manquant`).toBe(true);
  const lines = readFileSync(logFile, "utf8").split("\n").filter((line) => line.trim());
  const entries = lines.map((line, index) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`ligne ${index + 1} du journal qui n'est pas du JSON : ${line.slice(0, 200)}`);
    }
  });
  const emails = lines.filter((line) => /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/.test(line));
  expect(emails, "adresses électroniques dans le journal").toEqual([]);
  expect(lines.filter((line) => /\/consentement\/[A-Za-z0-9_-]{16,}/.test(line)), "liens de consentement dans le journal").toEqual([]);

  const requests = entries.filter((entry) => entry.event === "http.request");
  expect(requests.length).toBeGreaterThan(10);
  for (const request of requests) expect(request).toMatchObject({ requestId: expect.any(String), route: expect.any(String), durationMs: expect.any(Number) });
  // Signed-in requests carry a pseudonym and a role; server actions have their own line.
  expect(requests.some((request) => typeof request.user === "string" && String(request.user).startsWith("u_") && request.role)).toBe(true);
  expect(entries.some((entry) => entry.event === "server.action" && typeof entry.action === "string" && entry.outcome)).toBe(true);
  expect(entries.some((entry) => entry.event === "email.delivery")).toBe(true);
});

import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { like } from "drizzle-orm";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db/client";
import { emailOutbox } from "@/server/db/schema-messagerie";
import { TEST_DATABASE_URL } from "./support/databases";

/** An SMTP server that takes its time over each message, and says when one starts arriving. */
async function slowSmtp(delayMs: number) {
  let startedDelivery: () => void = () => {};
  const deliveryStarted = new Promise<void>((resolve) => (startedDelivery = resolve));
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      startedDelivery();
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        setTimeout(() => {
          received.push(Buffer.concat(chunks).toString("utf8"));
          callback();
        }, delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, deliveryStarted, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function startInstance(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ["--import", "./tests/support/server-only-hook.mjs", "--import", "tsx", "tests/support/shutdown-instance.ts"], {
    env: { ...process.env, LOG_LEVEL: "silent", MAIL_WORKER_INTERVAL_MS: "200", SEED_DEMO_DATA: "0", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let errors = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      errors += chunk.toString();
      const ready = /PRET (\d+)/.exec(errors);
      if (ready) resolve({ child, port: Number(ready[1]), exited });
    });
    void exited.then((code) => reject(new Error(`l'instance s'est arrêtée (code ${code}) : ${errors}`)));
  });
}

describe.each(["pglite", "postgres"] as const)("graceful shutdown on SIGTERM [%s]", (kind) => {
  let databaseEnv: Record<string, string>;
  let openForChecks: () => ReturnType<typeof openDatabase>;
  let cleanup: () => Promise<void> = async () => {};

  beforeAll(async () => {
    if (kind === "pglite") {
      const folder = mkdtempSync(path.join(tmpdir(), "pvt-arret-"));
      databaseEnv = { DATABASE_URL: "", PGLITE_DATA_DIR: path.join(folder, "pglite") };
      openForChecks = () => openDatabase({ pgliteDataDir: path.join(folder, "pglite") });
      cleanup = async () => rmSync(folder, { recursive: true, force: true });
    } else {
      const name = `pvt_test_arret_${Date.now()}_${randomBytes(3).toString("hex")}`;
      const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const url = new URL(TEST_DATABASE_URL);
      url.pathname = `/${name}`;
      databaseEnv = { DATABASE_URL: url.toString() };
      openForChecks = () => openDatabase({ url: url.toString() });
      cleanup = async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end({ timeout: 5 });
      };
    }
  });
  afterAll(async () => cleanup());

  // Each wait is checked on its own: the longer of the two must not cover for the other.
  it.each([
    { longest: "la requête", requestMs: 3000, smtpMs: 500 },
    { longest: "le courriel", requestMs: 500, smtpMs: 3000 },
  ])("finishes the request in flight and the email being delivered, then closes the database (plus long : $longest)", async ({ requestMs, smtpMs }) => {
    const smtp = await slowSmtp(smtpMs);
    const marker = `r${requestMs}`;
    try {
      const { child, port, exited } = await startInstance({ ...databaseEnv, SMTP_URL: smtp.url });
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/courriel?marqueur=${marker}`, { method: "POST" })).status).toBe(200);
      await smtp.deliveryStarted;
      const inFlight = fetch(`${base}/ecrire?marqueur=${marker}&ms=${requestMs}`, { method: "POST" }).then(async (response) => ({ status: response.status, body: await response.text() }));
      // The request has reached its transaction and the email is in the SMTP exchange.
      await new Promise((resolve) => setTimeout(resolve, 250));
      child.kill("SIGTERM");

      expect(await inFlight).toEqual({ status: 200, body: "ecrit" });
      expect(await exited).toBe(0);
      expect(smtp.received).toHaveLength(1);
      // A stopped instance accepts nothing more.
      await expect(fetch(`${base}/ecrire`, { method: "POST" })).rejects.toThrow();

      // Reopened after the stop (PGlite: the data folder was flushed and closed cleanly).
      const handle = openForChecks();
      try {
        const rows = await handle.db.select({ template: emailOutbox.template, status: emailOutbox.status, attempts: emailOutbox.attempts }).from(emailOutbox).where(like(emailOutbox.template, `%-${marker}%`));
        expect(rows.map((row) => row.template).sort()).toEqual([`arret-${marker}`, `ecriture-${marker}-a`, `ecriture-${marker}-b`]);
        expect(rows.find((row) => row.template === `arret-${marker}`)).toMatchObject({ status: "envoye", attempts: 1 });
      } finally {
        await handle.close();
      }
    } finally {
      await smtp.close();
    }
  }, 120_000);
});

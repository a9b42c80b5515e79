import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DATABASE_URL } from "./support/databases";

const run = promisify(execFile);

/** Starts one instance's start-up in its own process; resolves with its JSON report. */
async function startInstance(databaseUrl: string) {
  const { stdout } = await run(process.execPath, ["--import", "tsx", path.join("tests", "support", "instance-startup.ts")], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", NODE_ENV: "test" },
    timeout: 180_000,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`instance en échec : ${error.stdout ?? ""} ${error.stderr ?? ""}`);
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as { ready: boolean; counts: { users: number; missions: number } };
}

describe("several instances start at once on an empty Postgres", () => {
  const name = `pvt_test_start_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;

  beforeAll(async () => {
    await admin.unsafe(`create database ${name}`);
  });
  afterAll(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  });

  it("both migrate and seed under the lock and report ready, with the demo data once", async () => {
    const [first, second] = await Promise.all([startInstance(url.toString()), startInstance(url.toString())]);
    expect(first.ready).toBe(true);
    expect(second.ready).toBe(true);
    // The second found the seed present: the same rows, not twice as many.
    expect(second.counts).toEqual(first.counts);
    const again = await startInstance(url.toString());
    expect(again.counts).toEqual(first.counts);
  }, 300_000);
});

import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, request as httpRequest, type Server } from "node:http";
import { and, eq, like } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMyProposals, proposeMission, respondToProposal } from "@/features/propositions/service";
import type { CurrentUser } from "@/server/auth/roles";
import { openDatabase, type DatabaseHandle } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import { agentProfiles, missions, users } from "@/server/db/schema";
import { emailOutbox } from "@/server/db/schema-messagerie";
import { seedDemoData } from "@/server/db/seed";
import { startSmtpSink } from "../support/smtp-sink";
import { TEST_DATABASE_URL } from "./support/databases";
import { managerSignedIn, TestMailbox } from "./support/mailbox";

const dinum: CurrentUser = {
  id: "00000000-0000-4000-8000-0000000000d7",
  email: "mission.talents@numerique.gouv.fr",
  givenName: "Mission",
  usualName: "Talents",
  displayName: "Mission Talents",
  administrationId: null,
  administrationName: null,
  roles: ["agent", "dinum"],
};

interface Instance {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
}

function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ["--import", "./tests/support/server-only-hook.mjs", "--import", "tsx", "tests/support/cluster-instance.ts"], {
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

/** A round-robin balancer on loopback, as any load balancer in front of the instances. */
async function roundRobin(ports: number[]): Promise<{ url: string; server: Server }> {
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const port = ports[next++ % ports.length]!;
    const forwarded = httpRequest({ host: "127.0.0.1", port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forwarded.on("error", () => outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

async function call(url: string, method = "POST") {
  const response = await fetch(url, { method });
  return { status: response.status, body: (await response.json()) as { instance: number; agents?: string[]; decided?: boolean; refused?: string } };
}

describe("two instances on one Postgres behind a balancer stay consistent", () => {
  const name = `pvt_test_deux_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  let handle: DatabaseHandle;
  let instances: Instance[] = [];
  let balancer: Awaited<ReturnType<typeof roundRobin>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let missionId: string;
  let consentToken: string;
  let managerId: string;

  beforeAll(async () => {
    await admin.unsafe(`create database ${name}`);
    handle = openDatabase({ url: url.toString() });
    await applyMigrations(handle);
    await seedDemoData(handle.db);
    await handle.db.insert(users).values({ id: dinum.id, proconnectSub: "dinum-deux", idpId: "test", email: dinum.email });
    const [mission] = await handle.db.select().from(missions).where(eq(missions.state, "publiee")).limit(1);
    missionId = mission!.id;
    // An accepted proposal: its manager's consent link, minted at delivery, read from their inbox.
    const [agent] = await handle.db
      .select({ id: users.id, email: users.email, managerEmail: agentProfiles.managerEmail })
      .from(agentProfiles)
      .innerJoin(users, eq(users.id, agentProfiles.userId))
      .where(eq(agentProfiles.visibility, "ouvert"))
      .limit(1);
    const asAgent = { ...dinum, id: agent!.id, email: agent!.email, roles: ["agent" as const] };
    await proposeMission(handle.db, dinum, { missionId, agentIds: [agent!.id] });
    const [proposal] = await listMyProposals(handle.db, asAgent);
    await respondToProposal(handle.db, asAgent, { candidateId: proposal!.candidateId, accept: true });
    consentToken = await new TestMailbox().consentToken(handle.db, agent!.managerEmail);
    managerId = (await managerSignedIn(handle.db, agent!, agent!.managerEmail)).id;

    smtp = await startSmtpSink();
    instances = await Promise.all([0, 1].map(() => startInstance({ DATABASE_URL: url.toString(), SMTP_URL: smtp.url })));
    balancer = await roundRobin(instances.map((instance) => instance.port));
  }, 240_000);

  afterAll(async () => {
    balancer?.server.close();
    for (const instance of instances) instance.child.kill("SIGTERM");
    await Promise.all(instances.map((instance) => instance.exited));
    await smtp?.close();
    await handle?.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  });

  it("a profile paused through one instance leaves the other's ranking at its next sync", async () => {
    const [first, second] = instances.map((instance) => `http://127.0.0.1:${instance.port}`);
    const before = await call(`${second}/classement?mission=${missionId}`, "GET");
    const ranked = before.body.agents![0]!;
    expect((await call(`${first}/pause?agent=${ranked}`)).status).toBe(200);
    const after = await call(`${second}/classement?mission=${missionId}`, "GET");
    expect(after.body.instance).toBe(before.body.instance);
    expect(after.body.agents).not.toContain(ranked);
  });

  it("sends each email once, whichever instance delivers it", async () => {
    for (let index = 0; index < 4; index += 1) expect((await call(`${balancer.url}/courriels?lot=lot${index}&n=5`)).status).toBe(200);
    await expect
      .poll(async () => (await handle.db.select().from(emailOutbox).where(and(eq(emailOutbox.template, "lot"), eq(emailOutbox.status, "en_attente")))).length, {
        timeout: 60_000,
      })
      .toBe(0);
    const subjects = smtp.received.filter((mail) => mail.subject.startsWith("lot")).map((mail) => mail.subject);
    expect(subjects).toHaveLength(20);
    expect(new Set(subjects).size).toBe(20);
    const sent = await handle.db.select().from(emailOutbox).where(like(emailOutbox.template, "lot"));
    expect(sent.every((email) => email.status === "envoye" && email.attempts === 1)).toBe(true);
  });

  it("decides a consent once when the manager's answer reaches both instances at once", async () => {
    const answers = await Promise.all([0, 1].map(() => call(`${balancer.url}/consentement?jeton=${consentToken}&manager=${managerId}`)));
    expect(new Set(answers.map((answer) => answer.body.instance)).size).toBe(2);
    expect(answers.filter((answer) => answer.body.decided)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(1);
  });
});

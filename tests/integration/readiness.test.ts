import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { openDatabase } from "@/server/db/client";
import { migrationStatus } from "@/server/db/migrate";
import { enqueueEmail } from "@/server/mail/outbox";
import { checkReadiness, workerStuckAfterMs } from "@/server/observability/readiness";
import { describeOnBothDatabases } from "./support/databases";

const now = new Date("2026-06-01T10:00:00Z");
const freshWorker = { lastPassAt: new Date(now.getTime() - 1000), intervalMs: 3000 };

describeOnBothDatabases("readiness (/api/ready)", (database) => {
  it("is ready on a migrated database with the index built and the mail worker passing, and shows no personal data", async () => {
    const handle = database();
    await enqueueEmail(handle.db, { to: "camille.martin@exemple.gouv.fr", template: "test", subject: "Objet", greeting: "Bonjour Camille,", paragraphs: ["Texte."] });
    const readiness = await checkReadiness({ handle, matchingIndexReady: true, stopping: false, mailWorker: freshWorker, now });
    expect(readiness).toMatchObject({ ready: true, status: "pret" });
    expect(readiness.checks.outbox.pending).toBeGreaterThanOrEqual(1);
    const body = JSON.stringify(readiness);
    expect(body).not.toContain("@");
    expect(body).not.toContain("Camille");
  });

  it("is not ready while the matching index is being built", async () => {
    const readiness = await checkReadiness({ handle: database(), matchingIndexReady: false, stopping: false, mailWorker: freshWorker, now });
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.matchingIndex.ok).toBe(false);
    expect(readiness.checks.database.ok).toBe(true);
  });

  it("is not ready when this instance's mail worker stopped passing", async () => {
    const stuck = { lastPassAt: new Date(now.getTime() - workerStuckAfterMs(3000) - 1000), intervalMs: 3000 };
    const readiness = await checkReadiness({ handle: database(), matchingIndexReady: true, stopping: false, mailWorker: stuck, now });
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.outbox.ok).toBe(false);
  });

  it("says it is stopping once SIGTERM was received", async () => {
    const readiness = await checkReadiness({ handle: database(), matchingIndexReady: true, stopping: true, mailWorker: freshWorker, now });
    expect(readiness).toMatchObject({ ready: false, status: "arret_en_cours" });
  });

  it("is not ready when a migration of this code is missing from the database", async () => {
    const handle = database();
    const before = await migrationStatus(handle);
    expect(before).toMatchObject({ upToDate: true, newerThanCode: false });
    await handle.db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    const readiness = await checkReadiness({ handle, matchingIndexReady: true, stopping: false, mailWorker: freshWorker, now });
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.migrations).toMatchObject({ ok: false, applied: before.applied - 1, known: before.known });
  });
});

it("is not ready when the database does not answer", async () => {
  const handle = openDatabase({ url: "postgres://postgres@127.0.0.1:1/absente" });
  try {
    const readiness = await checkReadiness({ handle, matchingIndexReady: true, stopping: false, mailWorker: freshWorker, now });
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.database.ok).toBe(false);
  } finally {
    await handle.close();
  }
});

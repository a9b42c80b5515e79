import { matchingIndexStatus } from "@/features/appariement/engine-store";
import { databaseHandle } from "@/server/db";
import { isStopping } from "@/server/lifecycle";
import { mailWorkerActivity } from "@/server/mail/runner";
import { checkReadiness } from "@/server/observability/readiness";

/**
 * Readiness for a load balancer or an orchestrator: 200 when this instance can serve (database
 * reachable, migrations applied, matching index built, mail worker passing), 503 otherwise or
 * while it drains. Counts only: no personal data, no authentication needed.
 */
export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness({
    handle: databaseHandle(),
    matchingIndexReady: matchingIndexStatus().ready,
    stopping: isStopping(),
    mailWorker: mailWorkerActivity(),
  });
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}

/** Liveness: the process answers. No database call, so a slow database never restarts instances. */
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "vivant" }, { headers: { "cache-control": "no-store" } });
}

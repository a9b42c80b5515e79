import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGITS = /^\d+$/;
// A single-use link's token, a session id…: long, url-safe, not a word.
const TOKEN_LIKE = /^[A-Za-z0-9_-]{16,}$/;

/**
 * The route of a path as logged: ids and tokens replaced by placeholders, the query dropped (it
 * may carry a search, a name), so that a consent link never reaches the logs.
 */
export function routeOf(url: string | undefined): string {
  const pathname = (url ?? "/").split(/[?#]/)[0] || "/";
  if (pathname.startsWith("/_next/")) return pathname.split("/").slice(0, 3).join("/");
  return pathname
    .split("/")
    .map((segment) => {
      if (!segment) return segment;
      if (UUID.test(segment)) return ":id";
      if (DIGITS.test(segment)) return ":n";
      if (TOKEN_LIKE.test(segment) && (/\d/.test(segment) || /[A-Z_]/.test(segment))) return ":jeton";
      return segment.length > 80 ? ":long" : segment;
    })
    .join("/");
}

/** The balancer's request id when it sent a sane one, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._:-]{8,128}$/.test(value) ? value : randomUUID();
}

type ActionManifest = { node?: Record<string, { filename?: string; exportedName?: string }> };

/**
 * Server action ids → "src/features/x/actions.ts#name", read from the build's manifest (re-read
 * when an id is unknown: `next dev` adds actions as pages compile).
 */
export function actionNames(distDir: string) {
  const file = path.join(distDir, "server", "server-reference-manifest.json");
  let names = new Map<string, string>();
  const load = () => {
    if (!existsSync(file)) return;
    try {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as ActionManifest;
      names = new Map(
        Object.entries(manifest.node ?? {}).map(([id, entry]) => [id, entry.exportedName ? `${entry.filename ?? "?"}#${entry.exportedName}` : id]),
      );
    } catch {
      // A manifest being rewritten by next dev: the id is logged as is this time.
    }
  };
  load();
  return (id: string): string => {
    if (!names.has(id)) load();
    return names.get(id) ?? `action:${id.slice(0, 12)}`;
  };
}

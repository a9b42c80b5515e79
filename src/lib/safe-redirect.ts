/** Request header set by the middleware: the path and query a page was asked with. */
export const REQUESTED_PATH_HEADER = "x-pvt-requested-path";

/**
 * Keeps redirects on this site: only a same-origin relative path is kept; an absolute or
 * protocol-relative URL, a backslash or a control character (browsers drop tabs and newlines,
 * so `/\t/evil` would become `//evil`) falls back to `fallback`.
 */
export function safeInternalPath(candidate: string | null | undefined, fallback: string): string {
  if (!candidate || !candidate.startsWith("/") || candidate.startsWith("//")) return fallback;
  if (/[\\\u0000-\u001f\u007f]/.test(candidate)) return fallback;
  return candidate;
}

/** The login page that brings the visitor back to `path` (a path of this site) once signed in. */
export function loginPathFor(path: string | null | undefined): string {
  const target = safeInternalPath(path, "/");
  return target === "/" ? "/connexion" : `/connexion?callbackUrl=${encodeURIComponent(target)}`;
}

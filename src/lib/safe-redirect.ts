/** Keeps redirects on this site: an absolute or protocol-relative URL falls back to `fallback`. */
export function safeInternalPath(candidate: string | null | undefined, fallback: string): string {
  if (!candidate || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) {
    return fallback;
  }
  return candidate;
}

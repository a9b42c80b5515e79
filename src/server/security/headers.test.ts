import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { contentSecurityPolicy, createNonce, NONCE_HEADER, referrerPolicyFor, securityHeaders, withSecurityHeaders } from "./headers";

const directive = (policy: string, name: string) => policy.split("; ").find((part) => part.startsWith(`${name} `));

describe("en-têtes de sécurité", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("une politique à nonce, sans 'unsafe-inline' pour les scripts, qui interdit l'affichage dans un cadre", () => {
    const policy = contentSecurityPolicy({ nonce: "abc123", development: false });
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(policy, "object-src")).toBe("object-src 'none'");
    expect(directive(policy, "base-uri")).toBe("base-uri 'self'");
    expect(policy).not.toContain("unsafe-eval");
    // Only `next dev` needs eval (Fast Refresh).
    expect(directive(contentSecurityPolicy({ nonce: "n", development: true }), "script-src")).toContain("'unsafe-eval'");
  });

  it("un formulaire ne part que vers le site et le fournisseur d'identité (la déconnexion y est redirigée)", () => {
    const policy = contentSecurityPolicy({ nonce: "n", development: false, formActionOrigins: ["https://auth.agentconnect.gouv.fr"] });
    expect(directive(policy, "form-action")).toBe("form-action 'self' https://auth.agentconnect.gouv.fr");
  });

  it("aucun référent depuis la page de consentement, dont l'adresse porte le jeton", () => {
    expect(referrerPolicyFor("/consentement/jeton-secret")).toBe("no-referrer");
    expect(referrerPolicyFor("/agent")).toBe("strict-origin-when-cross-origin");
    expect(referrerPolicyFor("/consentements")).toBe("strict-origin-when-cross-origin");
  });

  it("HSTS en production seulement", () => {
    const base = { pathname: "/", nonce: "n", development: false };
    expect(securityHeaders({ ...base, production: true })["Strict-Transport-Security"]).toMatch(/^max-age=63072000/);
    expect(securityHeaders({ ...base, production: false })["Strict-Transport-Security"]).toBeUndefined();
    const headers = securityHeaders({ ...base, production: true });
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["Permissions-Policy"]).toContain("camera=()");
  });

  it("un nonce neuf et imprévisible à chaque réponse", () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("le middleware passe le nonce à la page et pose les en-têtes sur la réponse", () => {
    vi.stubEnv("PROCONNECT_ISSUER", "http://localhost:3301/realms/local");
    const response = withSecurityHeaders(new NextRequest("http://localhost:3000/consentement/abc"));
    const policy = response.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    // Next forwards overridden request headers to the page through x-middleware-request-*.
    expect(response.headers.get(`x-middleware-request-${NONCE_HEADER}`)).toBe(nonce);
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(directive(policy, "form-action")).toBe("form-action 'self' http://localhost:3301");
  });
});

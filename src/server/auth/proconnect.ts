import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import type { OIDCConfig } from "next-auth/providers";
import { z } from "zod";

/** Claims ProConnect returns in its signed userinfo. */
export const proConnectClaimsSchema = z.object({
  sub: z.string().min(1),
  email: z.string().email(),
  given_name: z.string().default(""),
  usual_name: z.string().default(""),
  siret: z.string().regex(/^\d{14}$/).optional(),
  organizational_unit: z.string().optional(),
  organization_label: z.string().optional(),
  idp_id: z.string().optional(),
  phone_number: z.string().optional(),
});
export type ProConnectClaims = z.infer<typeof proConnectClaimsSchema>;

export const PROCONNECT_SCOPES = "openid email given_name usual_name siret organizational_unit idp_id organization_label";

const ACR_ORDER = ["eidas1", "eidas2", "eidas3"] as const;

export class ProConnectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProConnectError";
  }
}

/** True when the `acr` of the id_token is at least the configured minimum. */
export function acrSatisfies(acr: unknown, minimum: (typeof ACR_ORDER)[number] | undefined): boolean {
  if (!minimum) return true;
  const index = ACR_ORDER.indexOf(acr as (typeof ACR_ORDER)[number]);
  return index >= 0 && index >= ACR_ORDER.indexOf(minimum);
}

interface DiscoveryDocument {
  issuer: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
}

const discoveryCache = new Map<string, Promise<DiscoveryDocument>>();

export function discover(issuer: string): Promise<DiscoveryDocument> {
  let pending = discoveryCache.get(issuer);
  if (!pending) {
    pending = fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) })
      .then(async (response) => {
        if (!response.ok) throw new ProConnectError(`Découverte OIDC impossible (${response.status})`);
        return (await response.json()) as DiscoveryDocument;
      })
      .catch((error: unknown) => {
        // Do not remember a failure: the provider may be back on the next attempt.
        discoveryCache.delete(issuer);
        throw error;
      });
    discoveryCache.set(issuer, pending);
  }
  return pending;
}

const jwksByUri = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/**
 * Fetches the userinfo, which ProConnect sends as a signed JWT, and verifies its signature
 * against the issuer's JWKS before trusting any claim.
 */
export async function fetchVerifiedUserinfo(params: {
  issuer: string;
  clientId: string;
  accessToken: string;
  expectedSub: string;
}): Promise<ProConnectClaims> {
  const discovery = await discover(params.issuer);
  const response = await fetch(discovery.userinfo_endpoint, {
    headers: { Authorization: `Bearer ${params.accessToken}`, Accept: "application/jwt" },
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new ProConnectError(`Userinfo refusé (${response.status})`);
  const contentType = response.headers.get("content-type") ?? "";
  if (!contentType.includes("application/jwt")) {
    throw new ProConnectError("Userinfo non signé : ProConnect doit renvoyer un JWT");
  }
  let jwks = jwksByUri.get(discovery.jwks_uri);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
    jwksByUri.set(discovery.jwks_uri, jwks);
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(await response.text(), jwks, {
      issuer: discovery.issuer,
      audience: params.clientId,
    }));
  } catch (error) {
    throw new ProConnectError(`Signature du userinfo invalide : ${(error as Error).message}`);
  }
  if (payload.sub !== params.expectedSub) throw new ProConnectError("Le userinfo ne concerne pas la même personne");
  const claims = proConnectClaimsSchema.safeParse(payload);
  if (!claims.success) throw new ProConnectError("Claims ProConnect incomplets");
  return claims.data;
}

export interface ProConnectProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  acrMin?: (typeof ACR_ORDER)[number];
}

/** The Auth.js provider: the same code talks to real ProConnect and to the local one. */
export function proConnectProvider(settings: ProConnectProviderSettings): OIDCConfig<JWTPayload> {
  return {
    id: "proconnect",
    name: "ProConnect",
    type: "oidc",
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    checks: ["state", "nonce", "pkce"],
    client: {
      token_endpoint_auth_method: "client_secret_post",
      id_token_signed_response_alg: "RS256",
      userinfo_signed_response_alg: "RS256",
    },
    authorization: {
      params: {
        scope: PROCONNECT_SCOPES,
        ...(settings.acrMin ? { acr_values: ACR_ORDER.slice(ACR_ORDER.indexOf(settings.acrMin)).join(" ") } : {}),
      },
    },
    // `idTokenClaims` were validated by Auth.js (signature, audience, nonce); userinfo is verified here.
    async profile(idTokenClaims, tokens) {
      if (!acrSatisfies(idTokenClaims.acr, settings.acrMin)) {
        throw new ProConnectError(`Niveau d'authentification insuffisant (acr=${String(idTokenClaims.acr)})`);
      }
      if (!tokens.access_token || !idTokenClaims.sub) throw new ProConnectError("Jeton d'accès manquant");
      const claims = await fetchVerifiedUserinfo({
        issuer: settings.issuer,
        clientId: settings.clientId,
        accessToken: tokens.access_token,
        expectedSub: idTokenClaims.sub,
      });
      return {
        id: claims.sub,
        email: claims.email,
        name: `${claims.given_name} ${claims.usual_name}`.trim(),
        proconnect: claims,
      };
    },
  };
}

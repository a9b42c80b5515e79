/**
 * Local ProConnect-style OpenID Connect provider, for development and tests only.
 *
 * It speaks to the app exactly like ProConnect: discovery, authorization code flow
 * (state, nonce, optional PKCE), RS256 id_token with `acr`/`amr`, userinfo as a signed JWT,
 * RP-initiated logout without confirmation. Logging in means picking a demo account.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { compactVerify, decodeJwt, exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from "oidc-provider";

import { demoAccounts, type DemoAccount } from "@/server/db/seed/demo-accounts";

import {
  PROCONNECT_SCOPE_CLAIMS,
  SUPPORTED_ACR_VALUES,
  amrFor,
  pickAcr,
  userClaimsFor,
} from "./claims";
import {
  renderErrorPage,
  renderLoggedOutPage,
  renderLoginPage,
  renderLogoutAutoSubmit,
} from "./pages";

export {
  ALL_PROCONNECT_SCOPES,
  PROCONNECT_SCOPE_CLAIMS,
  SUPPORTED_ACR_VALUES,
  type AcrValue,
} from "./claims";

export interface LocalProConnectOptions {
  /** 0 lets the system pick a free port (the issuer then uses the actual one). */
  port: number;
  /** Interface to listen on; the issuer still says `localhost`. Default 127.0.0.1. */
  host?: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Identities offered on the login page. Default: the seeded demo accounts. */
  accounts?: DemoAccount[];
  /** Receives the single "started" line and unexpected server errors. Default: errors on stderr only. */
  log?: (message: string) => void;
}

export interface LocalProConnect {
  /** `http://localhost:PORT`, what the app must use as its ProConnect issuer. */
  issuer: string;
  port: number;
  close(): Promise<void>;
}

const SIGNING_ALG = "RS256";
const END_SESSION_PATH = "/session/end";
const INTERACTION_PATH = /^\/interaction\/([\w-]+)(?:\/(login|abort))?\/?$/;

async function generateSigningKey(): Promise<{ privateJwk: JWK; publicKey: CryptoKey }> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: SIGNING_ALG, use: "sig" };
  return { privateJwk, publicKey };
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(html);
}

async function readFormBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

export async function startLocalProConnect(opts: LocalProConnectOptions): Promise<LocalProConnect> {
  const accounts = opts.accounts ?? demoAccounts;
  const log = opts.log ?? (() => {});
  const reportError = (error: unknown) => {
    const message = `proconnect-local: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    if (opts.log) opts.log(message);
    else console.error(message);
  };
  const signingKey = await generateSigningKey();

  // Listen first so that port 0 works: the issuer must carry the real port.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://localhost:${port}`;
  const closeServer = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });

  const configuration: Configuration = {
    clients: [
      {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        redirect_uris: opts.redirectUris,
        post_logout_redirect_uris: opts.postLogoutRedirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        // ProConnect documents client_secret_post. oidc-provider 8 (lib/shared/token_auth.js) also
        // accepts HTTP Basic for a client registered with either secret method, so Auth.js's
        // default (client_secret_basic) works too.
        token_endpoint_auth_method: "client_secret_post",
        id_token_signed_response_alg: SIGNING_ALG,
        userinfo_signed_response_alg: SIGNING_ALG,
      },
    ],
    clientAuthMethods: ["client_secret_post", "client_secret_basic"],
    jwks: { keys: [signingKey.privateJwk] },
    // Only the algorithm ProConnect uses for this app, so discovery advertises exactly RS256.
    enabledJWA: { idTokenSigningAlgValues: [SIGNING_ALG], userinfoSigningAlgValues: [SIGNING_ALG] },
    responseTypes: ["code"],
    scopes: ["openid"], // the other scopes come from `claims`; no offline_access, like ProConnect
    claims: PROCONNECT_SCOPE_CLAIMS,
    acrValues: [...SUPPORTED_ACR_VALUES],
    pkce: { methods: ["S256"], required: () => false },
    cookies: {
      keys: [randomBytes(32).toString("base64url")],
      long: { signed: true },
      short: { signed: true },
    },
    features: {
      devInteractions: { enabled: false },
      pushedAuthorizationRequests: { enabled: false }, // not offered by ProConnect
      claimsParameter: { enabled: true }, // ProConnect asks for `amr` this way
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = "html";
          ctx.body = renderLogoutAutoSubmit(form);
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.type = "html";
          ctx.body = renderLoggedOutPage();
        },
      },
    },
    // Same endpoint names as ProConnect (minus its /api/v2 prefix); the app only relies on discovery.
    routes: { authorization: "/authorize", userinfo: "/userinfo", end_session: END_SESSION_PATH },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const account = accounts.find((candidate) => candidate.sub === sub);
      if (!account) return undefined;
      return { accountId: account.sub, claims: () => userClaimsFor(account) };
    },
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = renderErrorPage("Erreur ProConnect (local)", {
        erreur: out.error,
        description: out.error_description,
      });
    },
    // Explicit, since oidc-provider prints a notice for each default TTL it uses. ProConnect's are
    // shorter (code 30 s, access token 60 s); these leave room for a paused debugger.
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 60 * 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Session: 12 * 60 * 60,
      Grant: 12 * 60 * 60,
    },
    clientBasedCORS: () => false, // the app talks to token/userinfo from its server only
  };

  let provider: Provider;
  try {
    provider = new Provider(issuer, configuration);
  } catch (error) {
    await closeServer();
    throw error;
  }
  provider.on("server_error", (_ctx: unknown, error: Error) => reportError(error));
  provider.use(toleratePreviousKeysOnLogout(signingKey.publicKey, opts.clientId));
  const oidcCallback = provider.callback();

  // Attached in the same tick listen() resolved in, so no connection is served before it.
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    handleRequest(provider, req, res).catch((error: unknown) => {
      reportError(error);
      if (!res.headersSent) sendHtml(res, 500, renderErrorPage("Erreur interne", {}));
      else res.end();
    });
  });

  log(`ProConnect local prêt : ${issuer} (client_id ${opts.clientId}, ${accounts.length} comptes de démo)`);

  return {
    issuer,
    port,
    close: closeServer,
  };

  async function handleRequest(oidc: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", issuer);
    const match = INTERACTION_PATH.exec(url.pathname);
    if (!match) return oidcCallback(req, res);
    const [, uid, action] = match;

    let details;
    try {
      details = await oidc.interactionDetails(req, res);
    } catch (error) {
      // Missing or expired interaction cookie: typically a reloaded page after a restart.
      if (!(error instanceof errors.SessionNotFound)) throw error;
      return sendHtml(
        res,
        400,
        renderErrorPage("Session de connexion expirée", {
          conseil: "Recommencez la connexion depuis l'application.",
        }),
      );
    }
    if (details.uid !== uid) return sendHtml(res, 400, renderErrorPage("Interaction inconnue", {}));

    if (req.method === "GET" && !action) {
      if (details.prompt.name === "consent") return grantConsent(oidc, req, res, details);
      return sendHtml(
        res,
        200,
        renderLoginPage({
          accounts,
          loginAction: `/interaction/${uid}/login`,
          abortAction: `/interaction/${uid}/abort`,
          clientId: String(details.params.client_id),
          acr: pickAcr(details.params),
        }),
      );
    }

    if (req.method === "POST" && action === "login") {
      const sub = (await readFormBody(req)).get("sub");
      const account = accounts.find((candidate) => candidate.sub === sub);
      if (!account) return sendHtml(res, 400, renderErrorPage("Compte inconnu", { sub: sub ?? undefined }));
      const acr = pickAcr(details.params);
      return oidc.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub, acr, amr: amrFor(acr) } },
        { mergeWithLastSubmission: false },
      );
    }

    if (req.method === "POST" && action === "abort") {
      return oidc.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "L'utilisateur a annulé la connexion" },
        { mergeWithLastSubmission: false },
      );
    }

    res.statusCode = 405;
    res.end();
  }
}

/** No consent screen: ProConnect's partners are pre-authorized, so grant what was asked. */
async function grantConsent(
  oidc: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  details: Awaited<ReturnType<Provider["interactionDetails"]>>,
): Promise<void> {
  const accountId = details.session?.accountId;
  const clientId = details.params.client_id;
  if (!accountId || typeof clientId !== "string") {
    return sendHtml(res, 400, renderErrorPage("Interaction invalide", {}));
  }
  const grant =
    (details.grantId ? await oidc.Grant.find(details.grantId) : undefined) ??
    new oidc.Grant({ accountId, clientId });

  const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details;
  const scopes = stringArray(missingOIDCScope);
  if (scopes.length > 0) grant.addOIDCScope(scopes.join(" "));
  const claims = stringArray(missingOIDCClaims);
  if (claims.length > 0) grant.addOIDCClaims(claims);
  if (typeof missingResourceScopes === "object" && missingResourceScopes !== null) {
    for (const [resource, resourceScopes] of Object.entries(missingResourceScopes)) {
      grant.addResourceScope(resource, stringArray(resourceScopes).join(" "));
    }
  }
  const grantId = await grant.save();
  await oidc.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

/**
 * Keys are regenerated at each start, so after a restart the app may still hold an id_token
 * signed by the previous key. Real ProConnect keeps its keys, so the logout would work there:
 * here, a hint that was issued for our client but no longer verifies is swapped for `client_id`
 * so that post_logout_redirect_uri is still honoured instead of showing an error page.
 */
function toleratePreviousKeysOnLogout(publicKey: CryptoKey, clientId: string) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    const hint = ctx.method === "GET" && ctx.path === END_SESSION_PATH ? ctx.query.id_token_hint : undefined;
    if (typeof hint === "string") {
      // Signature only: an expired hint is fine, oidc-provider ignores its expiry too.
      const verifies = await compactVerify(hint, publicKey).then(
        () => true,
        () => false,
      );
      let audience: unknown;
      try {
        audience = decodeJwt(hint).aud;
      } catch {
        audience = undefined;
      }
      if (!verifies && audience === clientId) {
        const query = new URLSearchParams(ctx.querystring);
        query.delete("id_token_hint");
        query.set("client_id", clientId);
        ctx.querystring = query.toString();
      }
    }
    await next();
  };
}

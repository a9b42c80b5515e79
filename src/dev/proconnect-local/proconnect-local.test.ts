import { createHash, randomBytes } from "node:crypto";

import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, generateKeyPair, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { demoAccounts } from "@/server/db/seed/demo-accounts";

import { ALL_PROCONNECT_SCOPES, startLocalProConnect, type LocalProConnect } from "./index";
import { escapeHtml, renderLoginPage } from "./pages";

const CLIENT_ID = "test-client";
const CLIENT_SECRET = "test-secret";
const REDIRECT_URI = "http://localhost:3999/api/auth/callback/proconnect";
const POST_LOGOUT_REDIRECT_URI = "http://localhost:3999/";

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
  scopes_supported: string[];
  claims_supported: string[];
  acr_values_supported: string[];
  userinfo_signing_alg_values_supported: string[];
  id_token_signing_alg_values_supported: string[];
  token_endpoint_auth_methods_supported: string[];
}

/** Just enough of a browser cookie jar: name + path scoping, deletion on empty/expired. */
class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      const path = attributes.find((attribute) => /^path=/i.test(attribute))?.slice(5) ?? "/";
      const expires = attributes.find((attribute) => /^expires=/i.test(attribute))?.slice(8);
      const key = `${name};${path}`;
      if (!value || (expires && new Date(expires).getTime() < Date.now())) this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
  }

  headerFor(url: URL): string {
    return [...this.cookies.entries()]
      .filter(([, cookie]) => url.pathname.startsWith(cookie.path))
      .map(([key, cookie]) => `${key.split(";")[0]}=${cookie.value}`)
      .join("; ");
  }
}

/** A browser-like request: cookies in and out, redirects left to the caller. */
async function browse(jar: CookieJar, url: URL, init: { method?: string; form?: Record<string, string> } = {}) {
  const response = await fetch(url, {
    method: init.method ?? "GET",
    redirect: "manual",
    headers: {
      cookie: jar.headerFor(url),
      ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
  });
  jar.store(response);
  return response;
}

function locationOf(response: Response, base: URL): URL {
  const location = response.headers.get("location");
  if (!location) throw new Error(`Pas de redirection (HTTP ${response.status}) : ${response.url}`);
  return new URL(location, base);
}

/** Hidden inputs and action of the first form in a page. */
function parseFirstForm(html: string, base: URL): { action: URL; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form?.[1]) throw new Error("Aucun formulaire dans la page");
  const fields: Record<string, string> = {};
  for (const input of (form[2] ?? "").matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)) {
    if (input[1]) fields[input[1]] = input[2] ?? "";
  }
  return { action: new URL(form[1].replace(/&amp;/g, "&"), base), fields };
}

const randomToken = () => randomBytes(32).toString("base64url");

describe("local ProConnect provider", () => {
  let proConnect: LocalProConnect;
  let discovery: Discovery;

  beforeAll(async () => {
    proConnect = await startLocalProConnect({
      port: 0,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: [REDIRECT_URI],
      postLogoutRedirectUris: [POST_LOGOUT_REDIRECT_URI],
    });
    const response = await fetch(`${proConnect.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    discovery = (await response.json()) as Discovery;
  });

  afterAll(async () => {
    await proConnect?.close();
  });

  /** Authorize → login page → choose an account → follow redirects back to the redirect_uri. */
  async function logIn(
    jar: CookieJar,
    accountSub: string,
    extraParams: Record<string, string> = {},
    { usePkce = true } = {},
  ) {
    const state = randomToken();
    const nonce = randomToken();
    const codeVerifier = randomToken();
    const authorizeUrl = new URL(discovery.authorization_endpoint);
    authorizeUrl.search = new URLSearchParams({
      client_id: CLIENT_ID,
      response_type: "code",
      redirect_uri: REDIRECT_URI,
      scope: ALL_PROCONNECT_SCOPES,
      state,
      nonce,
      ...(usePkce
        ? { code_challenge: createHash("sha256").update(codeVerifier).digest("base64url"), code_challenge_method: "S256" }
        : {}),
      ...extraParams,
    }).toString();

    const toLogin = await browse(jar, authorizeUrl);
    expect(toLogin.status).toBe(303);
    const loginPageUrl = locationOf(toLogin, authorizeUrl);
    expect(loginPageUrl.pathname).toMatch(/^\/interaction\//);

    const loginPage = await browse(jar, loginPageUrl);
    expect(loginPage.status).toBe(200);
    const html = await loginPage.text();
    const { action } = parseFirstForm(html, loginPageUrl);

    let response = await browse(jar, action, { method: "POST", form: { sub: accountSub } });
    let url = action;
    // Resume, automatic consent, resume again: at most a handful of hops.
    for (let hop = 0; hop < 6 && response.status >= 300 && response.status < 400; hop += 1) {
      url = locationOf(response, url);
      if (url.href.startsWith(REDIRECT_URI)) break;
      response = await browse(jar, url);
    }
    expect(url.origin + url.pathname).toBe(REDIRECT_URI);
    return { html, callbackUrl: url, state, nonce, codeVerifier };
  }

  async function exchangeCode(code: string, codeVerifier: string, auth: "post" | "basic" = "post") {
    const form = new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: codeVerifier,
    });
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
    if (auth === "post") {
      form.set("client_id", CLIENT_ID);
      form.set("client_secret", CLIENT_SECRET);
    } else {
      headers.authorization = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`;
    }
    return fetch(discovery.token_endpoint, { method: "POST", headers, body: form });
  }

  it("publishes a ProConnect-like discovery document", () => {
    expect(discovery.issuer).toBe(proConnect.issuer);
    expect(proConnect.issuer).toMatch(/^http:\/\/localhost:\d+$/);
    expect(discovery.userinfo_signing_alg_values_supported).toContain("RS256");
    expect(discovery.id_token_signing_alg_values_supported).toContain("RS256");
    expect(discovery.end_session_endpoint).toBeDefined();
    expect(discovery.acr_values_supported).toEqual(["eidas1", "eidas2", "eidas3"]);
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(["client_secret_post", "client_secret_basic"]),
    );
    for (const scope of ALL_PROCONNECT_SCOPES.split(" ")) expect(discovery.scopes_supported).toContain(scope);
    for (const claim of ["usual_name", "siret", "organization_label", "idp_id", "phone_number"]) {
      expect(discovery.claims_supported).toContain(claim);
    }
  });

  it("runs the authorization code flow, signs the userinfo and logs out without confirmation", async () => {
    const jar = new CookieJar();
    const camille = demoAccounts.find((account) => account.sub === "demo-agent-camille");
    if (!camille) throw new Error("compte de démo manquant");

    const { html, callbackUrl, state, nonce, codeVerifier } = await logIn(jar, camille.sub, {
      acr_values: "eidas2 eidas3",
    });

    // The login page lists every demo account.
    expect(html).toContain('<html lang="fr">');
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    for (const account of demoAccounts) {
      expect(html).toContain(`value="${escapeHtml(account.sub)}"`);
      expect(html).toContain(escapeHtml(account.email));
      expect(html).toContain(escapeHtml(account.roleLabel));
    }

    expect(callbackUrl.searchParams.get("state")).toBe(state);
    expect(callbackUrl.searchParams.get("iss")).toBe(proConnect.issuer);
    const code = callbackUrl.searchParams.get("code");
    expect(code).toBeTruthy();

    const tokenResponse = await exchangeCode(code ?? "", codeVerifier);
    expect(tokenResponse.status).toBe(200);
    const tokens = (await tokenResponse.json()) as { access_token: string; id_token: string; token_type: string };
    expect(tokens.token_type).toBe("Bearer");

    const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
    expect(decodeProtectedHeader(tokens.id_token).alg).toBe("RS256");
    const { payload: idToken } = await jwtVerify(tokens.id_token, jwks, {
      issuer: proConnect.issuer,
      audience: CLIENT_ID,
    });
    expect(idToken.sub).toBe(camille.sub);
    expect(idToken.nonce).toBe(nonce);
    expect(idToken.acr).toBe("eidas2");
    expect(idToken.amr).toEqual(expect.arrayContaining(["pwd", "mfa"]));
    // Like ProConnect, user data travels in the userinfo JWT, not in the id_token.
    expect(idToken.email).toBeUndefined();

    const userinfoResponse = await fetch(discovery.userinfo_endpoint, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(userinfoResponse.status).toBe(200);
    expect(userinfoResponse.headers.get("content-type")).toMatch(/^application\/jwt/);
    const userinfoJwt = await userinfoResponse.text();
    expect(decodeProtectedHeader(userinfoJwt).alg).toBe("RS256");
    const { payload: userinfo } = await jwtVerify(userinfoJwt, jwks, {
      issuer: proConnect.issuer,
      audience: CLIENT_ID,
    });
    expect(userinfo).toMatchObject({
      sub: camille.sub,
      uid: camille.sub,
      email: camille.email,
      given_name: camille.given_name,
      usual_name: camille.usual_name,
      siret: camille.siret,
      organizational_unit: camille.organizational_unit,
      belonging_population: "agent",
      idp_id: "proconnect-local",
      organization_label: "Ministère de l'Intérieur — DNUM",
    });

    // RP-initiated logout: the confirmation form submits itself, then back to the app with state.
    const logoutState = randomToken();
    const endSessionUrl = new URL(discovery.end_session_endpoint ?? "");
    endSessionUrl.search = new URLSearchParams({
      id_token_hint: tokens.id_token,
      state: logoutState,
      post_logout_redirect_uri: POST_LOGOUT_REDIRECT_URI,
    }).toString();
    const logoutPage = await browse(jar, endSessionUrl);
    expect(logoutPage.status).toBe(200);
    const logoutHtml = await logoutPage.text();
    expect(logoutHtml).toContain("document.forms[0].submit()");
    const logoutForm = parseFirstForm(logoutHtml, endSessionUrl);
    expect(logoutForm.fields.logout).toBe("yes");

    const afterLogout = await browse(jar, logoutForm.action, { method: "POST", form: logoutForm.fields });
    expect(afterLogout.status).toBe(303);
    const backToApp = locationOf(afterLogout, logoutForm.action);
    expect(backToApp.origin + backToApp.pathname).toBe(POST_LOGOUT_REDIRECT_URI);
    expect(backToApp.searchParams.get("state")).toBe(logoutState);

    // The session is gone: a new authorization shows the login page again.
    const again = await browse(
      jar,
      new URL(
        `${discovery.authorization_endpoint}?${new URLSearchParams({
          client_id: CLIENT_ID,
          response_type: "code",
          redirect_uri: REDIRECT_URI,
          scope: "openid",
          state: randomToken(),
          nonce: randomToken(),
        })}`,
      ),
    );
    expect(locationOf(again, endSessionUrl).pathname).toMatch(/^\/interaction\//);
  });

  it("defaults to eidas1, works without PKCE and accepts client_secret_basic (Auth.js default)", async () => {
    const jar = new CookieJar();
    const { callbackUrl } = await logIn(jar, "demo-demandeur-yann", {}, { usePkce: false });
    const tokenResponse = await fetch(discovery.token_endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`,
      },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: callbackUrl.searchParams.get("code") ?? "",
        redirect_uri: REDIRECT_URI,
      }),
    });
    expect(tokenResponse.status).toBe(200);
    const { id_token: idToken } = (await tokenResponse.json()) as { id_token: string };
    const { payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(discovery.jwks_uri)));
    expect(payload.acr).toBe("eidas1");
    expect(payload.amr).toEqual(["pwd"]);
  });

  it("refuses a wrong client secret", async () => {
    const jar = new CookieJar();
    const { callbackUrl, codeVerifier } = await logIn(jar, "demo-dinum-claire");
    const response = await fetch(discovery.token_endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: callbackUrl.searchParams.get("code") ?? "",
        redirect_uri: REDIRECT_URI,
        code_verifier: codeVerifier,
        client_id: CLIENT_ID,
        client_secret: "not-the-secret",
      }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe("invalid_client");
  });

  it("still logs out with an id_token signed by the keys of a previous run", async () => {
    // Keys are regenerated at each start: simulate the app holding an id_token from before a restart.
    const { privateKey } = await generateKeyPair("RS256");
    const staleIdToken = (audience: string) =>
      new SignJWT({ sub: "demo-agent-camille" })
        .setProtectedHeader({ alg: "RS256", kid: "previous-run" })
        .setIssuer(proConnect.issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(privateKey);
    const endSessionUrl = (idTokenHint: string, state: string) =>
      new URL(
        `${discovery.end_session_endpoint}?${new URLSearchParams({
          id_token_hint: idTokenHint,
          state,
          post_logout_redirect_uri: POST_LOGOUT_REDIRECT_URI,
        })}`,
      );

    const jar = new CookieJar();
    const state = randomToken();
    const url = endSessionUrl(await staleIdToken(CLIENT_ID), state);
    const page = await browse(jar, url);
    expect(page.status).toBe(200);
    const form = parseFirstForm(await page.text(), url);
    const afterLogout = await browse(jar, form.action, { method: "POST", form: form.fields });
    const backToApp = locationOf(afterLogout, form.action);
    expect(backToApp.origin + backToApp.pathname).toBe(POST_LOGOUT_REDIRECT_URI);
    expect(backToApp.searchParams.get("state")).toBe(state);

    // Only our own client's hints get that leniency.
    const foreign = await browse(new CookieJar(), endSessionUrl(await staleIdToken("another-client"), state));
    expect(foreign.status).toBe(400);
  });

  it("rejects a redirect_uri that is not registered", async () => {
    const response = await fetch(
      `${discovery.authorization_endpoint}?${new URLSearchParams({
        client_id: CLIENT_ID,
        response_type: "code",
        redirect_uri: "http://evil.example/callback",
        scope: "openid",
        state: randomToken(),
        nonce: randomToken(),
      })}`,
      { redirect: "manual" },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });
});

describe("login page", () => {
  it("escapes everything it shows", () => {
    const html = renderLoginPage({
      accounts: [
        {
          sub: `x" onclick="alert(1)`,
          role: "agent",
          roleLabel: "<script>alert(1)</script>",
          email: "a&b@example.fr",
          given_name: "<b>",
          usual_name: "O'Brien",
          siret: "00000000000000",
          organizational_unit: "",
        },
      ],
      loginAction: "/interaction/abc/login",
      abortAction: "/interaction/abc/abort",
      clientId: "<client>",
      acr: "eidas1",
    });
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).not.toContain('" onclick="');
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("O&#39;Brien");
    expect(html).toContain("a&amp;b@example.fr");
    expect(html).toContain("&lt;client&gt;");
  });
});

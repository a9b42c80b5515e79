import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { loginAs, logout } from "./support/login";
import { fillField } from "./support/forms";

const AGENT = "camille.durand@interieur.gouv.fr";
const DINUM = "claire.bernard@numerique.gouv.fr";

/** The headers every response of the app carries (pages, API routes, CSV, errors). */
function expectHardened(response: APIResponse, options: { referrer?: string } = {}) {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? "";
  expect(scriptSrc, `${response.url()} : script-src avec nonce`).toMatch(/'nonce-[A-Za-z0-9+/=_-]{16,}'/);
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(csp).toMatch(/object-src 'none'/);
  expect(csp).toMatch(/base-uri 'self'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe(options.referrer ?? "strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toMatch(/camera=\(\)/);
  expect(headers["permissions-policy"]).toMatch(/geolocation=\(\)/);
  // The e2e server is a production build (`next start`).
  expect(headers["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
}

/** Every <script> of the HTML carries the nonce of the response's policy. */
async function expectScriptsCarryTheNonce(response: APIResponse) {
  const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
}

test("chaque sorte de page et de route porte les en-têtes de sécurité", async ({ page, request }) => {
  // Anonymous: public pages, login page, the consent page (no referrer: its URL holds the token),
  // a 404, the login error page, Auth.js's API.
  const home = await request.get("/");
  expectHardened(home);
  await expectScriptsCarryTheNonce(home);
  const again = await request.get("/");
  expect(again.headers()["content-security-policy"]).not.toBe(home.headers()["content-security-policy"]);
  expectHardened(await request.get("/connexion"));
  expectHardened(await request.get("/consentement/jeton-inconnu"), { referrer: "no-referrer" });
  const missing = await request.get("/cette-page-n-existe-pas");
  expect(missing.status()).toBe(404);
  expectHardened(missing);
  expectHardened(await request.get("/connexion/erreur?error=Configuration"));
  expectHardened(await request.get("/api/auth/session"));
  const refused = await request.get("/api/compensation/soldes");
  expect(refused.status()).toBeGreaterThanOrEqual(400);
  expectHardened(refused);

  // Signed in: a space, an API route, a CSV download.
  await loginAs(page, DINUM);
  const space = await page.request.get("/dinum");
  expect(space.status()).toBe(200);
  expectHardened(space);
  await expectScriptsCarryTheNonce(space);
  expectHardened(await page.request.get("/api/referentiel/suggestions?q=secu"));
  const csv = await page.request.get("/api/compensation/soldes");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expectHardened(csv);
});

/** Collects the CSP violations a page reports, from the event and from the console. */
async function watchCsp(page: Page) {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on("console", (message) => {
    const origin = new URL(message.location().url || page.url() || baseURL).origin;
    if (origin === new URL(baseURL).origin && /CSP violation|Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("DSFR, Next, les formulaires et les graphiques fonctionnent sous la politique, sans aucune violation", async ({ page }) => {
  test.setTimeout(120_000);
  const violations = await watchCsp(page);

  // A DSFR page: the color scheme is set, and DSFR's own module (loaded by Next's chunks) started.
  await page.goto("/connexion");
  await expect(page.locator("html")).toHaveAttribute("data-fr-theme", /light|dark/);
  await expect(page.locator("html")).toHaveAttribute("data-fr-js", "true");

  // The login through the local provider, then a react-hook-form form validated in the browser.
  await loginAs(page, AGENT);
  await page.goto("/agent/profil");
  const presentation = page.getByLabel(/^Présentation de mon expérience/);
  await fillField(presentation, "Trop court");
  await page.getByRole("button", { name: "Enregistrer mon profil" }).click();
  await expect(page.getByText(/caractères au moins/).first()).toBeVisible();
  await expect(presentation).toHaveValue("Trop court");
  await logout(page);

  // Charts and tables of the observatory, the ledger's forms.
  await loginAs(page, DINUM);
  await page.goto("/dinum/observatoire");
  await expect(page.getByRole("img", { name: /^Diagramme en barres/ }).first()).toBeVisible();
  await page.goto("/dinum/compensation");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/dinum/sessions");
  await expect(page.getByRole("heading", { level: 1, name: "Sessions ouvertes" })).toBeVisible();

  // zod 4 probes `Function("")` inside a try/catch to decide whether to compile its parsers; the
  // policy blocks the probe, as it should, and zod validates without compiling. Nothing else may appear.
  expect(violations.filter((violation) => violation !== "CSP violation: script-src eval")).toEqual([]);
});

test("la page de connexion et celle du consentement ne s'affichent pas dans le cadre d'un autre site", async ({ page }) => {
  // Another origin (127.0.0.1 rather than localhost) frames our pages; Chromium's private network
  // rules leave loopback-to-loopback framing alone, so only our headers can refuse it.
  const attacker = new URL(baseURL);
  attacker.hostname = "127.0.0.1";
  attacker.pathname = "/cadre-malveillant";
  await page.route(attacker.toString(), (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<iframe id="connexion" src="${baseURL}/connexion"></iframe><iframe id="consentement" src="${baseURL}/consentement/jeton"></iframe>`,
    }),
  );
  // "load" waits for both frames, refused or not.
  await page.goto(attacker.toString(), { waitUntil: "load" });
  const pages = { connexion: "Se connecter", consentement: "Lien inutilisable" };
  for (const [id, heading] of Object.entries(pages)) {
    const frame = await (await page.locator(`#${id}`).elementHandle())!.contentFrame();
    expect(frame).not.toBeNull();
    // A refused frame holds the browser's error page, not ours.
    expect(await frame!.getByRole("heading", { name: heading }).count()).toBe(0);
    // The same page outside a frame does show its heading.
    const direct = await page.context().newPage();
    await direct.goto(`/${id === "connexion" ? "connexion" : "consentement/jeton"}`);
    await expect(direct.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await direct.close();
  }
});

test("après la déconnexion, une copie de l'ancien cookie de session n'ouvre plus l'espace agent", async ({ page, browser }) => {
  await loginAs(page, AGENT);
  await page.goto("/agent");
  await expect(page.getByRole("heading", { level: 1, name: "Espace agent" })).toBeVisible();
  const cookies = await page.context().cookies();

  // The copy works while the session is open…
  const thief = await browser.newContext({ baseURL });
  await thief.addCookies(cookies);
  const stolen = await thief.newPage();
  await stolen.goto("/agent");
  await expect(stolen.getByRole("heading", { level: 1, name: "Espace agent" })).toBeVisible();

  // …and no longer after logout.
  await logout(page);
  await stolen.goto("/agent");
  // Sent to login, which would bring them back to the agent space afterwards.
  await expect(stolen).toHaveURL(/\/connexion(\?callbackUrl=%2Fagent)?$/);
  await thief.close();
});

test("la DINUM met fin aux sessions d'une personne : son navigateur est renvoyé à la connexion", async ({ page, browser }) => {
  await loginAs(page, AGENT);
  await page.goto("/agent");
  await expect(page.getByRole("heading", { level: 1, name: "Espace agent" })).toBeVisible();

  const dinumContext = await browser.newContext({ baseURL });
  const dinum = await dinumContext.newPage();
  await loginAs(dinum, DINUM);
  await dinum.goto("/dinum/sessions");
  await dinum.getByLabel("Adresse électronique de la personne").fill(AGENT);
  await dinum.getByRole("button", { name: "Rechercher" }).click();
  await expect(dinum.getByRole("heading", { name: "Camille Durand", exact: true })).toBeVisible();
  await dinum.getByRole("button", { name: "Mettre fin à ses sessions" }).click();
  await expect(dinum.getByText("Expliquez le motif en quelques mots")).toBeVisible();
  await dinum.getByLabel(/^Motif/).fill("Poste signalé perdu");
  await dinum.getByRole("button", { name: "Mettre fin à ses sessions" }).click();
  await expect(dinum.getByText(/session.* fermée.*Camille Durand doit se reconnecter/)).toBeVisible();
  await dinumContext.close();

  await page.goto("/agent");
  await expect(page).toHaveURL(/\/connexion(\?callbackUrl=%2Fagent)?$/);
});

import { expect, test } from "@playwright/test";
import { demoAccounts } from "../src/server/db/seed/demo-accounts";
import { loginAs, logout } from "./support/login";

const homes = {
  agent: { path: "/agent", heading: "Espace agent" },
  demandeur: { path: "/demandeur", heading: "Espace demandeur" },
  manager: { path: "/manager", heading: "Espace manager" },
  dinum: { path: "/dinum", heading: "Espace DINUM" },
} as const;

for (const account of demoAccounts) {
  test(`${account.roleLabel} se connecte avec ProConnect, arrive sur son espace et se déconnecte`, async ({ page }) => {
    await loginAs(page, account.email);
    const home = homes[account.role];
    await expect(page).toHaveURL(new RegExp(`${home.path}$`));
    await expect(page.getByRole("heading", { level: 1, name: home.heading })).toBeVisible();
    await expect(page.getByText(`${account.given_name} ${account.usual_name}`).first()).toBeVisible();

    await logout(page);
    await expect(page).toHaveURL(/:\d+\/(\?.*)?$/);
    await page.goto(home.path);
    // The login page keeps where the visitor was going.
    await expect(page).toHaveURL(new RegExp(`/connexion\\?callbackUrl=${encodeURIComponent(home.path)}$`));
  });
}

test("une page inconnue affiche la page 404 en français", async ({ page }) => {
  const response = await page.goto("/cette-page-n-existe-pas");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page non trouvée" })).toBeVisible();
});

test("un retour de ProConnect falsifié aboutit à une page d'erreur en français", async ({ page }) => {
  await page.goto("/api/auth/callback/proconnect?code=faux&state=faux");
  await expect(page.getByRole("heading", { name: /La connexion n.a pas abouti/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Réessayer de se connecter" })).toBeVisible();
});

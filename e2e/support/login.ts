import { expect, type Page } from "@playwright/test";

/** Logs in through the app's ProConnect button and the local provider's account list. */
export async function loginAs(page: Page, email: string) {
  await page.goto("/connexion");
  await page.getByRole("main").getByRole("link", { name: "S’identifier avec ProConnect" }).click();
  await expect(page.getByRole("heading", { name: /Se connecter avec ProConnect/ })).toBeVisible();
  await page.getByRole("button", { name: new RegExp(email.replace(/[.]/g, "\\.")) }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/interaction") && url.port === new URL(page.url()).port);
}

export async function logout(page: Page) {
  await page.getByRole("button", { name: "Se déconnecter" }).first().click();
  await expect(page.getByRole("link", { name: "Se connecter avec ProConnect" }).first()).toBeVisible();
}

/** On a page that asks for ProConnect (the consent page): its button, then the local provider's account list. */
export async function loginHere(page: Page, email: string) {
  const target = new URL(page.url()).pathname;
  await page.getByRole("main").getByRole("link", { name: "S’identifier avec ProConnect" }).click();
  await expect(page.getByRole("heading", { name: /Se connecter avec ProConnect/ })).toBeVisible();
  await page.getByRole("button", { name: new RegExp(email.replace(/[.]/g, "\\.")) }).click();
  await page.waitForURL((url) => url.pathname === target);
}

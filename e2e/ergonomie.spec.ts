import { expect, test } from "@playwright/test";
import { loginAs, logout } from "./support/login";

const AGENT = "camille.durand@interieur.gouv.fr";

test("un lien profond vers une mission survit à la connexion, et seul un chemin du site est suivi", async ({ page }) => {
  await loginAs(page, AGENT);
  await page.goto("/missions");
  const first = page.getByRole("main").locator('a[href^="/missions/"]').first();
  const missionPath = (await first.getAttribute("href"))!;
  const title = (await first.textContent())!.trim();
  await logout(page);

  // Signed out, the link sends to the login page, which keeps where the visitor was going.
  await page.goto(missionPath);
  await expect(page).toHaveURL(new RegExp(`/connexion\\?callbackUrl=${encodeURIComponent(missionPath)}$`));
  await page.getByRole("main").getByRole("link", { name: "S’identifier avec ProConnect" }).click();
  await page.getByRole("button", { name: new RegExp(AGENT.replace(/[.]/g, "\\.")) }).click();
  await expect(page).toHaveURL(new RegExp(`${missionPath}$`));
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await logout(page);

  // Another site as the return address is ignored: the person lands on their own space.
  await page.goto(`/connexion?callbackUrl=${encodeURIComponent("https://exemple.invalid/piege")}`);
  await page.getByRole("main").getByRole("link", { name: "S’identifier avec ProConnect" }).click();
  await page.getByRole("button", { name: new RegExp(AGENT.replace(/[.]/g, "\\.")) }).click();
  await expect(page).toHaveURL(/\/agent$/);
});

test("le sélecteur de compétences suit un rapide du clavier : ↓ puis Entrée tapés avant les suggestions ajoutent le concept", async ({ page }) => {
  await loginAs(page, AGENT);
  // The suggestions answer only once all the keys are typed: the race a fast typist meets on a slow network.
  let keysSent!: () => void;
  const allKeysSent = new Promise<void>((resolve) => (keysSent = resolve));
  await page.route("**/api/referentiel/suggestions**", async (route) => {
    await allKeysSent;
    await route.continue();
  });
  await page.goto("/agent/profil");
  const chosenSkills = page.getByRole("list", { name: "Compétences choisies" });
  const picker = page.getByRole("combobox", { name: /^Ajouter une compétence/ });
  await picker.click();
  await page.keyboard.type("rgpd");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  keysSent();

  await expect(chosenSkills.getByText("RGPD et protection des données personnelles", { exact: true })).toBeVisible();
  await expect(chosenSkills.getByText(/^rgpd$/i)).toHaveCount(0);
  await expect(picker).toHaveValue("");
});

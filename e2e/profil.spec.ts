import { expect, test } from "@playwright/test";
import { loginAs } from "./support/login";

test("un agent remplit son profil avec le sélecteur de compétences au clavier, corrige ses erreurs et enregistre", async ({ page }) => {
  await loginAs(page, "camille.durand@interieur.gouv.fr");
  await page.getByRole("navigation").getByRole("link", { name: "Mon profil" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon profil" })).toBeVisible();

  const chosenSkills = page.getByRole("list", { name: "Compétences choisies" });
  const picker = page.getByRole("combobox", { name: /^Ajouter une compétence/ });

  // A concept of the référentiel, typed without accents, chosen with the arrows and Enter.
  await picker.click();
  await picker.pressSequentially("securite", { delay: 20 });
  const firstOption = page.getByRole("listbox").getByRole("option").first();
  await expect(firstOption).toContainText("Sécurité");
  await expect(page.getByRole("status").filter({ hasText: /suggestions? disponibles?/ })).toBeAttached();
  await picker.press("ArrowDown");
  await expect(firstOption).toHaveAttribute("aria-selected", "true");
  await expect(picker).toHaveAttribute("aria-activedescendant", (await firstOption.getAttribute("id"))!);
  const conceptLabel = (await firstOption.locator("span").first().textContent())!.trim();
  await picker.press("Enter");
  await expect(picker).toHaveValue("");
  await expect(picker).toHaveAttribute("aria-expanded", "false");
  await expect(chosenSkills.getByText(conceptLabel, { exact: true })).toBeVisible();

  // A free tag the référentiel lacks: the last option, reached with ArrowUp.
  await picker.pressSequentially("Tricot de câbles réseau", { delay: 10 });
  const freeOption = page.getByRole("option", { name: "Ajouter « Tricot de câbles réseau » comme compétence libre" });
  await expect(freeOption).toBeVisible();
  await picker.press("ArrowUp");
  await expect(freeOption).toHaveAttribute("aria-selected", "true");
  await picker.press("Enter");
  await expect(chosenSkills.getByText("Tricot de câbles réseau", { exact: true })).toBeVisible();
  await page.getByLabel("Niveau en « Tricot de câbles réseau »").selectOption("expert");

  const presentation =
    "Administratrice systèmes depuis douze ans, j'ai durci les serveurs Debian de la sous-direction et formé les équipes aux recommandations de l'ANSSI.";
  await page.getByLabel(/^Présentation de mon expérience/).fill(presentation);
  const hours = page.getByLabel(/^Heures disponibles par mois/);
  await hours.fill("120");
  await page.getByLabel("Sur site", { exact: true }).check({ force: true });
  // On site with no city left is refused.
  for (const remove of await page.getByRole("button", { name: /^Retirer le lieu / }).all()) await remove.click();
  await page.getByLabel("Prénom et nom de mon responsable").fill("Sophie Martin");
  const managerEmail = page.getByLabel(/^Adresse électronique professionnelle de mon responsable/);
  await managerEmail.fill("camille.durand@interieur.gouv.fr");

  // First submit: the browser-side checks (same zod schema as the server) flag the fields.
  await page.getByRole("button", { name: "Enregistrer mon profil" }).click();
  await expect(page.getByText("80 heures par mois au plus.")).toBeVisible();
  await expect(page.getByText("Indiquez au moins une ville où vous pouvez vous déplacer.")).toBeVisible();
  await expect(page.getByText("Profil non enregistré")).toBeVisible();
  await expect(page.getByLabel(/^Présentation de mon expérience/)).toHaveValue(presentation);
  await expect(hours).toHaveValue("120");
  await expect(chosenSkills.getByText("Tricot de câbles réseau", { exact: true })).toBeVisible();

  await hours.fill("10");
  const place = page.getByLabel(/^Villes où je peux me déplacer/);
  await place.fill("Lyon");
  await place.press("Enter");
  await expect(page.getByRole("button", { name: "Retirer le lieu Lyon" })).toBeVisible();

  // Second submit: the server refuses the agent's own address as the manager's, on that field.
  await page.getByRole("button", { name: "Enregistrer mon profil" }).click();
  await expect(page.getByText(/pas la vôtre/)).toBeVisible();
  await expect(managerEmail).toHaveValue("camille.durand@interieur.gouv.fr");
  await expect(hours).toHaveValue("10");

  await managerEmail.fill("sophie.martin@interieur.gouv.fr");
  await page.getByRole("button", { name: "Enregistrer mon profil" }).click();
  await expect(page.getByText("Profil enregistré")).toBeVisible();

  await page.reload();
  await expect(page.getByText(/Dernier enregistrement le/)).toBeVisible();
  await expect(chosenSkills.getByText(conceptLabel, { exact: true })).toBeVisible();
  await expect(chosenSkills.getByText("Tricot de câbles réseau", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Niveau en « Tricot de câbles réseau »")).toHaveValue("expert");
  await expect(page.getByLabel(/^Présentation de mon expérience/)).toHaveValue(presentation);
  await expect(page.getByLabel(/^Heures disponibles par mois/)).toHaveValue("10");
  await expect(page.getByLabel("Sur site", { exact: true })).toBeChecked();
  await expect(page.getByRole("button", { name: "Retirer le lieu Lyon" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Retirer le lieu / })).toHaveCount(1);
  await expect(page.getByLabel(/^Adresse électronique professionnelle de mon responsable/)).toHaveValue("sophie.martin@interieur.gouv.fr");
});

test("les suggestions de compétences sont réservées aux personnes connectées", async ({ request }) => {
  const response = await request.get("/api/referentiel/suggestions?q=securite");
  expect(response.status()).toBe(401);
});

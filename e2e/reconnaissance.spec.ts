import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { waitForMail } from "./support/mailbox";
import { loginAs, logout } from "./support/login";

const DINUM = "claire.bernard@numerique.gouv.fr";
// An agent whose missions never finish in the other browser tests, so that her badges stay empty.
const AGENT = "nadia.haddad@interieur.gouv.fr";
// One event per run, so that a retry on the same database invites again instead of finding « déjà invité ».
const EVENT = `Rencontre des talents numériques ${Date.now().toString(36)}`;

test("la DINUM filtre les meilleurs contributeurs, en invite un ; un agent voit sa section de badges", async ({ page }) => {
  test.setTimeout(120_000);
  await loginAs(page, DINUM);
  await page.goto("/dinum/contributeurs");
  await expect(page.getByRole("heading", { level: 1, name: "Meilleurs contributeurs" })).toBeVisible();

  const rows = page.locator("table tbody tr");
  await expect(rows.first()).toBeVisible();
  const topRow = rows.first();
  await expect(topRow.getByText("Première mission")).toBeVisible();
  const email = (await topRow.locator(".fr-text--xs").first().textContent())!.trim();
  const name = (await topRow.locator("td").nth(1).textContent())!.replace(email, "").trim();

  // The ministry filter is a GET form: the URL carries it, and the top contributor of that ministry stays listed.
  const ministry = (await topRow.locator("td").nth(2).locator(".fr-text--xs").textContent())!.trim();
  await page.getByLabel("Ministère de l’agent").selectOption(ministry);
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/ministere=/);
  await expect(page.getByRole("table")).toContainText(email);

  // The CSV is the ranking shown, with the same filter.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger ce classement en CSV" }).click()]);
  const csv = await readFile((await download.path())!, "utf8");
  const [header, first] = csv.replace(/^\uFEFF/, "").split("\r\n");
  expect(header).toContain("Heures confirmées sur la période");
  expect(first).toContain(email);
  expect(first).toContain(ministry);

  // Submitting without a choice shows French errors on the fields.
  await page.getByRole("button", { name: "Envoyer les invitations" }).click();
  await expect(page.getByText("Choisissez au moins un contributeur à inviter.")).toBeVisible();
  await expect(page.getByText("Indiquez le nom de l'événement")).toBeVisible();

  await page.getByLabel(`Inviter ${name}`).check();
  await page.getByLabel("Nom de l’événement").fill(EVENT);
  await page.getByLabel("Date").fill("2030-06-12");
  await page.getByLabel("Lieu").fill("Paris, 20 avenue de Ségur");
  await page.getByLabel("Message (facultatif)").fill("Un temps d'échange suivra.");
  await page.getByRole("button", { name: "Envoyer les invitations" }).click();
  await expect(page.getByText(`Invitation envoyée à ${name}.`)).toBeVisible();

  const mail = await waitForMail(email, new RegExp(`Invitation : ${EVENT}`));
  expect(mail.text).toContain("mercredi 12 juin 2030");

  // The same event again: nothing is sent twice.
  await page.getByLabel(`Inviter ${name}`).check();
  await page.getByRole("button", { name: "Envoyer les invitations" }).click();
  await expect(page.getByText(`rien n’a été renvoyé : ${name}.`)).toBeVisible();

  // The agent's profile shows their badges section (the rules themselves are proven by the integration tests).
  await logout(page);
  await loginAs(page, AGENT);
  await page.goto("/agent/profil");
  await expect(page.getByRole("region", { name: "Mes badges" })).toContainText(/Pas encore de badge|Obtenu le/);
});

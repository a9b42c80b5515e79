import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { loginAs, logout } from "./support/login";

const AGENT = { email: "karim.benali@interieur.gouv.fr", name: "Karim Benali" };
const DINUM = "claire.bernard@numerique.gouv.fr";
// A published mission that no other browser test uses.
const MISSION = "Publication en open data des inventaires de collections numérisées";

async function openReview(page: Page) {
  await page.goto("/dinum/missions?etat=publiee");
  await page.getByRole("link", { name: MISSION }).first().click();
  await page.getByRole("link", { name: "Examiner et proposer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Examiner et proposer" })).toBeVisible();
}

async function searchAgent(page: Page, query: string) {
  await page.getByRole("searchbox", { name: /^Rechercher un agent/ }).fill(query);
  await page.getByRole("search", { name: "Rechercher un agent à ajouter" }).getByRole("button", { name: "Rechercher" }).click();
}

test("les pages légales donnent le responsable, la durée de conservation, les droits, le délégué, la CNIL et l'état d'accessibilité", async ({ page }) => {
  await page.goto("/donnees-personnelles");
  for (const heading of ["Responsable du traitement", "Finalités", "Base légale", "Données traitées", "Destinataires", "Durées de conservation", "Vos droits", "Réclamation"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  await expect(page.getByText(/2 ans \(730 jours\) sans connexion/)).toBeVisible();
  await expect(page.getByRole("link", { name: "dpd@numerique.gouv.fr" })).toBeVisible();
  await expect(page.getByText(/CNIL/).first()).toBeVisible();
  await page.goto("/mentions-legales");
  for (const heading of ["Éditeur", "Directeur de la publication", "Hébergement"]) await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  await page.goto("/accessibilite");
  await expect(page.getByRole("heading", { level: 1, name: "Déclaration d'accessibilité" })).toBeVisible();
  for (const heading of ["État de conformité", "Résultats des tests", "Contenus non accessibles", "Établissement de cette déclaration d'accessibilité", "Retour d'information et contact", "Voies de recours"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  await expect(page.getByText("Accessibilité : non conforme")).toBeVisible();
});

test("un agent télécharge ses données, puis supprime son compte : il n'apparaît plus nulle part où regardent la DINUM et les demandeurs", async ({ page }) => {
  test.setTimeout(180_000);

  // The agent applies to a mission: DINUM sees them in its review and can find them by name.
  await loginAs(page, AGENT.email);
  await page.goto("/missions");
  await page.getByRole("link", { name: MISSION }).first().click();
  await page.getByRole("button", { name: "Me positionner sur cette mission" }).click();
  await page.getByLabel("Votre message").fill("J'ai publié les référentiels de l'IGC en open data.");
  await page.getByRole("button", { name: "Me positionner sur cette mission" }).click();
  await expect(page.getByText(/Votre candidature à cette mission est envoyée/)).toBeVisible();
  await logout(page);

  await loginAs(page, DINUM);
  await openReview(page);
  await expect(page.locator(`[data-candidat="${AGENT.name}"]`)).toBeVisible();
  await searchAgent(page, "Benali");
  await expect(page.getByText(AGENT.email).first()).toBeVisible();
  await logout(page);

  // The personal-data page promises download and deletion from the account: both exist.
  await loginAs(page, AGENT.email);
  await page.goto("/donnees-personnelles");
  await page.getByRole("link", { name: "Mes données personnelles" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mes données personnelles" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Mon profil de talents" })).toBeVisible();
  await expect(page.getByText(/Infrastructure de gestion de clés|PKI|certificats/i).first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Mes candidatures" }).getByText(MISSION)).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Télécharger mes données (JSON)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^mes-donnees-partagez-vos-talents-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(await readFile((await download.path())!, "utf8")) as {
    account: { email: string; givenName: string };
    profile: { skills: { label: string }[]; manager: { email: string } } | null;
    applications: { mission: string; state: string }[];
  };
  expect(data.account).toMatchObject({ email: AGENT.email, givenName: "Karim" });
  expect(data.profile?.skills.length).toBeGreaterThan(0);
  expect(data.profile?.manager.email).toMatch(/@interieur\.gouv\.fr$/);
  expect(data.applications).toEqual([expect.objectContaining({ mission: MISSION, state: "active" })]);

  // Deletion, from the account, after a confirmation.
  await page.goto("/compte");
  await page.getByRole("link", { name: "Supprimer mon compte" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Supprimer mon compte" })).toBeVisible();
  // Their application, and any proposal the demo data gave them.
  await expect(page.getByText(/Vos candidatures et propositions en cours sont retirées \(\d+ missions?\)/)).toBeVisible();
  const confirm = page.getByRole("button", { name: "Supprimer définitivement mon compte" });
  await confirm.click();
  await expect(page.getByText("Cochez la case pour confirmer que la suppression est définitive.")).toBeVisible();
  await page.getByText("Je comprends que la suppression de mon compte est définitive").click();
  await confirm.click();
  await expect(page.getByRole("heading", { level: 1, name: "Votre compte est supprimé" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Se connecter avec ProConnect" }).first()).toBeVisible();
  // The former session opens nothing.
  await page.goto("/compte/donnees");
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fcompte%2Fdonnees$/);
  expect((await page.request.get("/compte/donnees/telechargement")).status()).toBe(401);

  // DINUM: told, and the agent is neither in the review nor found by the search. DINUM works from
  // another browser: this one still holds Karim's ProConnect session, which would sign him in again
  // (as a new, empty account, as the deletion page says).
  await page.context().clearCookies();
  await loginAs(page, DINUM);
  await page.goto("/notifications");
  await expect(page.getByRole("link", { name: `Candidature retirée : ${MISSION}` }).first()).toBeVisible();
  await openReview(page);
  await expect(page.locator(`[data-candidat="${AGENT.name}"]`)).toHaveCount(0);
  await expect(page.getByText(AGENT.name)).toHaveCount(0);
  await searchAgent(page, "Benali");
  await expect(page.getByText("Aucun agent avec un profil ne correspond à cette recherche.")).toBeVisible();
  await page.goto("/dinum/courriels");
  await expect(page.getByText(AGENT.email)).toHaveCount(0);
  await page.goto("/dinum/contributeurs");
  await expect(page.getByText(AGENT.name)).toHaveCount(0);
});

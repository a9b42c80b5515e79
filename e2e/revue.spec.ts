import { expect, test, type Locator, type Page } from "@playwright/test";
import { loginAs } from "./support/login";

const DINUM = "claire.bernard@numerique.gouv.fr";
// A published mission that no other browser test moves forward.
const MISSION = "Durcissement des serveurs Debian de la préfecture selon les recommandations ANSSI";

function candidateRows(page: Page): Locator {
  return page.locator("[data-candidat]");
}

function rowOf(page: Page, name: string): Locator {
  return page.locator(`[data-candidat="${name}"]`);
}

async function nameAt(page: Page, index: number): Promise<string> {
  const name = await candidateRows(page).nth(index).getAttribute("data-candidat");
  if (!name) throw new Error(`Pas de candidat à la ligne ${index + 1}`);
  return name;
}

/** Opens an override from the row's button, gives the reason and confirms. */
async function override(page: Page, name: string, button: RegExp, confirm: string, reason: string) {
  await rowOf(page, name).getByRole("button", { name: button }).click();
  const reasonField = page.getByLabel("Raison de cette modification");
  await expect(reasonField).toBeFocused();
  await reasonField.fill(reason);
  await page.getByRole("button", { name: confirm }).click();
}

test("la DINUM épingle, exclut, puis propose la mission à deux agents choisis", async ({ page }) => {
  test.setTimeout(120_000);
  await loginAs(page, DINUM);

  await page.goto("/dinum/missions?etat=publiee");
  await page.getByRole("link", { name: MISSION }).click();
  await expect(page.getByRole("heading", { level: 1, name: MISSION })).toBeVisible();
  await page.getByRole("link", { name: "Examiner et proposer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Examiner et proposer" })).toBeVisible();
  await expect(candidateRows(page).first()).toBeVisible();
  expect(await candidateRows(page).count()).toBeGreaterThanOrEqual(4);

  // Pin the engine's third agent: first in the final list, third for the engine.
  const pinned = await nameAt(page, 2);
  await rowOf(page, pinned).getByRole("button", { name: /^Épingler/ }).click();
  await page.getByRole("button", { name: "Confirmer : épingler" }).click();
  await expect(page.getByText("Indiquez la raison de cette modification (3 caractères au moins).")).toBeVisible();
  await page.getByLabel("Raison de cette modification").fill("Disponible tout de suite et déjà formé au durcissement Linux");
  await page.getByRole("button", { name: "Confirmer : épingler" }).click();
  await expect(page.getByText(`${pinned} : épinglage en tête de liste fait.`)).toBeVisible();
  await expect(candidateRows(page).first()).toHaveAttribute("data-candidat", pinned);
  // The card says both ranks: first in the final list, third for the engine.
  await expect(rowOf(page, pinned).getByRole("heading", { level: 3 })).toContainText(`1. ${pinned}`);
  await expect(rowOf(page, pinned).getByText("Épinglé", { exact: true })).toBeVisible();
  await expect(rowOf(page, pinned).getByText("rang du moteur : 3")).toBeVisible();

  // Exclude the agent now fourth: they go to the end, marked, without a checkbox.
  const excluded = await nameAt(page, 3);
  await override(page, excluded, /^Exclure/, "Confirmer : exclure", "A indiqué ne pas être disponible avant l'été");
  await expect(page.getByText(`${excluded} : exclusion de la liste faite.`)).toBeVisible();
  await expect(candidateRows(page).last()).toHaveAttribute("data-candidat", excluded);
  await expect(rowOf(page, excluded).getByText("Exclu", { exact: true })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: `Choisir ${excluded}` })).toHaveCount(0);

  // Propose to the pinned agent and to the engine's first.
  const second = await nameAt(page, 1);
  // One agent is chosen with the mouse on the label, the other with the keyboard.
  await rowOf(page, pinned).getByText("Choisir").click();
  await expect(page.getByRole("checkbox", { name: `Choisir ${pinned}` })).toBeChecked();
  await page.getByRole("checkbox", { name: `Choisir ${second}` }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: `Choisir ${second}` })).toBeChecked();
  await expect(page.getByText(/^2 agents sélectionnés/)).toBeVisible();
  await page.getByRole("button", { name: "Proposer la mission aux agents sélectionnés" }).click();
  await expect(page.getByText("La mission a été proposée à 2 agents.")).toBeVisible();
  for (const name of [pinned, second]) {
    await expect(rowOf(page, name).getByText(/Proposée/)).toBeVisible();
    await expect(page.getByRole("checkbox", { name: `Choisir ${name}` })).toHaveCount(0);
  }
  await expect(rowOf(page, excluded).getByText("À examiner")).toBeVisible();

  // The server built its index on worker threads (the e2e server sets the threshold to one profile):
  // the bundled worker started.
  await page.goto("/dinum");
  await expect(page.getByTestId("etat-moteur")).toContainText(/Index de \d+ profils construit le .* avec l.aide de \d+ processus d.appoint/);
});

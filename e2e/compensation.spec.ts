import { expect, test } from "@playwright/test";
import { loginAs, logout } from "./support/login";

const DINUM = "claire.bernard@numerique.gouv.fr";
const ADMINISTRATION = "Préfecture de la Gironde";
/** A demandeur of the Mairie de Saint-Brieuc: another administration. */
const OUTSIDER = "yann.le-goff@saint-brieuc.fr";

const numberFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

/** "Solde : -12,5 crédits" → -12.5, whatever the demo data already posted. */
function parseBalance(text: string): number {
  const match = /Solde : (.+?) crédit/.exec(text.replace(/[\u202f\u00a0\s]/g, " "));
  if (!match) throw new Error(`Solde illisible : ${text}`);
  return Number(match[1]!.replace(/ /g, "").replace("−", "-").replace(",", "."));
}

function balanceText(value: number): string {
  // A negative balance is written with the true minus sign (U+2212), never a hyphen.
  return `Solde : ${value < 0 ? "\u2212" : ""}${numberFormat.format(Math.abs(value))} crédit${Math.abs(value) >= 2 ? "s" : ""}`;
}

test("la DINUM enregistre un service accordé, voit le solde changer, le corrige et exporte le relevé", async ({ page }) => {
  test.setTimeout(120_000);
  await loginAs(page, DINUM);

  await page.goto("/dinum/compensation");
  await expect(page.getByRole("heading", { level: 1, name: "Compensation entre administrations" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Soldes par ministère" })).toBeVisible();
  await page.getByRole("button", { name: "Administration", exact: true }).click();
  await expect(page).toHaveURL(/tri=administration&ordre=asc/);
  await page.getByRole("link", { name: ADMINISTRATION }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Compensation : ${ADMINISTRATION}` })).toBeVisible();
  const balance = page.getByTestId("solde");
  const before = parseBalance(await balance.innerText());

  // Errors in French on each field, and what was typed stays.
  await page.getByLabel("Service accordé").fill("Audit de sécurité du site");
  await page.getByRole("button", { name: "Enregistrer le service accordé" }).click();
  await expect(page.getByText("Indiquez un nombre de crédits supérieur à zéro.")).toBeVisible();
  await expect(page.getByText("Expliquez le motif en quelques mots")).toBeVisible();
  await expect(page.getByLabel("Service accordé")).toHaveValue("Audit de sécurité du site");

  await page.getByLabel("Crédits").fill("12.5");
  await page.getByLabel("Motif").fill("Accordé par le comité Mission Talents");
  await page.getByRole("button", { name: "Enregistrer le service accordé" }).click();
  await expect(page.getByText("Le service accordé est enregistré")).toBeVisible();
  await expect(balance).toHaveText(balanceText(before - 12.5));
  const line = page.getByRole("row").filter({ hasText: "Audit de sécurité du site" });
  await expect(line).toContainText("Service DINUM accordé");
  await expect(line).toContainText("Motif : Accordé par le comité Mission Talents");

  // The balances table shows the new balance.
  await page.getByRole("link", { name: "← Toutes les administrations" }).click();
  await expect(page.getByRole("row").filter({ hasText: ADMINISTRATION })).toContainText(balanceText(before - 12.5).replace("Solde : ", ""));

  // The CSV is a French spreadsheet file.
  await page.getByRole("link", { name: ADMINISTRATION }).click();
  const csv = await page.request.get(await page.getByRole("link", { name: /Télécharger le relevé complet/ }).getAttribute("href").then((href) => href!));
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const body = await csv.text();
  expect(body.charCodeAt(0)).toBe(0xfeff);
  expect(body).toContain(";Service DINUM accordé;Audit de sécurité du site;;Accordé par le comité Mission Talents;-12,50;");

  // A correction restores the balance; it cannot be done twice.
  await line.getByRole("link", { name: /Corriger/ }).click();
  await page.getByLabel("Motif de la correction").fill("Service finalement pris en charge par le ministère");
  await page.getByRole("button", { name: "Enregistrer la correction" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Compensation : ${ADMINISTRATION}` })).toBeVisible();
  await expect(balance).toHaveText(balanceText(before));
  await expect(page.getByRole("row").filter({ hasText: "Correction de : Audit de sécurité du site" })).toContainText(
    "Motif : Service finalement pris en charge par le ministère",
  );
  const statementUrl = page.url();

  // Another administration's member may read neither the DINUM pages nor this statement.
  await logout(page);
  await loginAs(page, OUTSIDER);
  const refused = await page.request.get(csv.url());
  expect(refused.status()).toBe(403);
  await page.goto(statementUrl);
  await expect(page).toHaveURL(/acces-refuse/);
  await page.goto("/compensation");
  await expect(page.getByRole("heading", { level: 1, name: "Compensation : Mairie de Saint-Brieuc" })).toBeVisible();

  // A period of the statement: an inverted one is not applied and says so; a valid one shows its balances.
  await page.getByLabel("Opérations à partir du").fill("2030-02-01");
  await page.getByLabel("jusqu'au (inclus)").fill("2030-01-01");
  await page.getByRole("button", { name: "Afficher la période" }).click();
  await expect(page.getByText("La date de fin précède la date de début : la période n'est pas appliquée.")).toBeVisible();
  await page.getByLabel("Opérations à partir du").fill("2030-02-01");
  await page.getByLabel("jusqu'au (inclus)").fill("2030-12-31");
  await page.getByRole("button", { name: "Afficher la période" }).click();
  await expect(page).toHaveURL(/du=2030-02-01&au=2030-12-31/);
  await expect(page.getByTestId("soldes-periode")).toContainText("Période du 1er février 2030 au 31 décembre 2030");
  await expect(page.getByText("Aucune opération sur cette période.")).toBeVisible();
  await expect(page.getByRole("link", { name: /Télécharger le relevé de la période/ })).toHaveAttribute("href", /du=2030-02-01&au=2030-12-31/);
});

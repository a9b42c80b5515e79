import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { loginAs } from "./support/login";

const DINUM = "claire.bernard@numerique.gouv.fr";
const INTERIEUR = "Ministère de l'Intérieur";

const FIGURES = [
  "Offre et demande par famille de compétences",
  "Missions par état",
  "Missions publiées par ministère et par mois",
  "De la suggestion à la mission terminée",
];

/** The cells of a table as text: header row first, then the body rows. */
async function cellsOf(table: Locator): Promise<string[][]> {
  return table.locator("tr").evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll("th, td"), (cell) => cell.textContent?.trim() ?? "")));
}

/**
 * A page cell as the CSV writes it: no thousands separator, an empty cell for « — », and the
 * page's true minus sign (U+2212) as the hyphen spreadsheets read. A hyphen on the page is a bug.
 */
function asCsvCell(text: string): string {
  return text === "—" ? "" : /^\u2212?[\d\s\u202f\u00a0]+(,\d+)?$/.test(text) ? text.replace(/[\s\u202f\u00a0]/g, "").replace("\u2212", "-") : text;
}

async function downloadCsv(page: Page, link: Locator): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const content = await readFile((await download.path())!, "utf8");
  expect(content.startsWith("\uFEFF")).toBe(true);
  return content
    .slice(1)
    .split("\r\n")
    .filter(Boolean)
    .map((line) => line.split(";"));
}

test("les chiffres de l'observatoire sont réservés à la DINUM", async ({ request }) => {
  const response = await request.get("/api/observatoire/entonnoir");
  expect(response.status()).toBe(401);
});

test("la DINUM filtre l'observatoire par ministère, voit graphiques et tableaux, et télécharge un CSV conforme", async ({ page }) => {
  await loginAs(page, DINUM);
  await page.goto("/dinum/observatoire");
  await expect(page.getByRole("heading", { level: 1, name: "Observatoire" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("pour tous les ministères");

  await page.getByLabel(/^Ministère/).selectOption(INTERIEUR);
  await page.getByRole("button", { name: "Appliquer les filtres" }).click();
  await expect(page).toHaveURL(/ministere=/);
  expect(new URL(page.url()).searchParams.get("ministere")).toBe(INTERIEUR);
  await expect(page.getByRole("status")).toContainText(`pour le ${INTERIEUR}`);
  await expect(page.getByLabel(/^Ministère/)).toHaveValue(INTERIEUR);

  // Every chart comes with its table alternative and its CSV.
  for (const title of FIGURES) {
    const section = page.getByRole("region", { name: title });
    await expect(section.getByRole("img", { name: new RegExp(`Diagramme en barres : ${title}`) })).toBeVisible();
    await expect(section.getByRole("table", { name: new RegExp(title) })).toBeVisible();
    await expect(section.getByRole("link", { name: `Télécharger en CSV : ${title}` })).toBeVisible();
  }
  // Only the ministry's missions are counted.
  const byMinistry = await cellsOf(page.getByRole("table", { name: /Missions publiées par ministère et par mois/ }));
  expect(byMinistry.slice(1).every((row) => row[1] === INTERIEUR)).toBe(true);

  // The funnel: the seeded Gironde mission (Intérieur) went from 7 candidates to 2 finished participations.
  const funnelSection = page.getByRole("region", { name: "De la suggestion à la mission terminée" });
  const funnelCells = await cellsOf(funnelSection.getByRole("table"));
  expect(funnelCells.slice(1).map((row) => row[1])).toEqual(["7", "5", "4", "3", "2", "2"]);
  const funnelCsv = await downloadCsv(page, funnelSection.getByRole("link", { name: /Télécharger en CSV/ }));
  expect(funnelCsv).toEqual(funnelCells.map((row) => row.map(asCsvCell)));

  // Key figures: the tiles, the table under them and the CSV say the same.
  const keyFigures = await cellsOf(page.getByRole("table", { name: /Indicateurs clés/ }));
  expect(keyFigures.find((row) => row[0] === "Heures partagées")?.[1]).toBe("36");
  await expect(page.getByText("36 h", { exact: true })).toBeVisible();
  const costAvoided = keyFigures.find((row) => row[0] === "Coût de prestation évité (estimation)")![1]!;
  await expect(page.getByText(`${costAvoided} €`, { exact: true })).toBeVisible();
  const keyFiguresCsv = await downloadCsv(page, page.getByRole("link", { name: "Télécharger en CSV : Indicateurs clés" }));
  expect(keyFiguresCsv).toEqual(keyFigures.map((row) => row.map(asCsvCell)));

  const supplySection = page.getByRole("region", { name: "Offre et demande par famille de compétences" });
  const supplyCells = await cellsOf(supplySection.getByRole("table"));
  expect(supplyCells.length).toBeGreaterThan(2);
  const supplyCsv = await downloadCsv(page, supplySection.getByRole("link", { name: /Télécharger en CSV/ }));
  expect(supplyCsv).toEqual(supplyCells.map((row) => row.map(asCsvCell)));
});

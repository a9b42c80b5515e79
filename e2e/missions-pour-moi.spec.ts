import { expect, test, type Page } from "@playwright/test";
import { linkIn, waitForMail } from "./support/mailbox";
import { loginAs, logout } from "./support/login";

const DEMANDEUR = "yann.le-goff@saint-brieuc.fr";
const DINUM = "claire.bernard@numerique.gouv.fr";
const AGENT = "camille.durand@interieur.gouv.fr";
// A public buyer: no published demo mission asks for her skills.
const BUYER = "nadia.haddad@interieur.gouv.fr";

const TITLE = "Durcissement des serveurs Debian du syndicat des eaux";

async function pickSkill(page: Page, typed: string, expectedOption: RegExp) {
  const picker = page.getByRole("combobox", { name: /Ajouter une compétence/ });
  await picker.focus();
  await page.keyboard.type(typed);
  await expect(page.getByRole("option", { name: expectedOption }).first()).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
}

test("un agent dont le profil ne correspond à aucune mission publiée le lit clairement, avec quoi ajouter", async ({ page }) => {
  await loginAs(page, BUYER);
  const section = page.getByRole("region", { name: "Missions pour moi" });
  // Right after the server starts, the page may say the ranking is being prepared: reload until ready.
  await expect(async () => {
    await page.goto("/agent");
    await expect(section.getByRole("heading", { name: "Aucune mission ne correspond encore à votre profil" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(section.getByText(/Les missions publiées demandent surtout/)).toBeVisible();
  await expect(section.getByRole("link", { name: "Compléter mon profil" })).toBeVisible();
  // No weak match is listed as if it fitted.
  await expect(section.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) })).toHaveCount(0);
});

test("le catalogue trouve une mission malgré une faute de frappe et par un synonyme du référentiel", async ({ page }) => {
  await loginAs(page, AGENT);
  await page.goto("/missions");
  const search = page.getByRole("searchbox", { name: /^Rechercher/ });
  await search.fill("securté");
  await search.press("Enter");
  await expect(page.getByRole("link", { name: "Durcissement des serveurs Debian de la préfecture selon les recommandations ANSSI" })).toBeVisible();
  await expect(page.getByTestId("lecture-recherche")).toContainText("Sécurité des systèmes d'information");

  // « SIG » is an acronym of the référentiel: it finds a mission that speaks of cartography.
  await page.goto("/missions?q=SIG");
  await expect(page.getByRole("link", { name: "Cartographie de l'offre d'accompagnement des personnes âgées dans le Rhône" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Durcissement des serveurs Debian/ })).toHaveCount(0);
});

test("un agent reçoit par courriel les nouvelles missions qui lui correspondent et se désabonne en un clic, sans connexion", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await loginAs(page, AGENT);
  await page.goto("/agent/profil");
  await page.getByText("Recevoir chaque semaine par courriel les nouvelles missions qui me correspondent").click();
  await page.getByRole("button", { name: "Enregistrer mon choix" }).click();
  await expect(page.getByText("C'est noté : vous recevrez chaque semaine les nouvelles missions qui vous correspondent.")).toBeVisible();
  await logout(page);

  // A demandeur submits a mission that fits the agent, DINUM publishes it.
  await loginAs(page, DEMANDEUR);
  await page.goto("/demandeur/missions/nouvelle");
  await page.getByLabel("Titre de la mission").fill(TITLE);
  await page.getByLabel("Contexte").fill("Les serveurs Debian du syndicat des eaux n'ont pas été revus depuis leur installation.");
  await page
    .getByLabel("Description de la mission")
    .fill("Durcir les serveurs Debian selon les recommandations de l'ANSSI, revoir les comptes et former l'équipe à la maintenance.");
  await pickSkill(page, "durcissement", /Durcissement/);
  await page.getByLabel("Nombre total d'heures").fill("16");
  await page.getByText("Récurrente (plusieurs séances)").click();
  await page.getByLabel("Date de début").fill("2027-03-01");
  await page.getByLabel("Date de fin").fill("2027-04-30");
  await page.getByLabel("Date limite pour trouver un agent").fill("2027-02-15");
  await page.getByRole("button", { name: "Soumettre à la modération" }).click();
  await expect(page).toHaveURL(/\/demandeur\?soumise=/);
  await logout(page);

  await loginAs(page, DINUM);
  await page.goto("/dinum/moderation");
  await page.getByRole("link", { name: TITLE }).click();
  await page.getByRole("button", { name: "Publier la mission" }).click();
  await expect(page.getByText("Mission publiée : les agents la voient dans le catalogue.")).toBeVisible();
  await logout(page);

  // The digest arrives over SMTP, with the mission, its fit and a personal unsubscribe link.
  const mail = await waitForMail(AGENT, /nouvelles? missions? pour vous/);
  expect(mail.text).toContain(TITLE);
  expect(mail.text).toMatch(/Bonne adéquation|Adéquation possible/);
  const unsubscribe = linkIn(mail, /http:\/\/[^\s]+\/alertes\/desabonnement\/[A-Za-z0-9_-]{43}/);

  // Anyone holding the link, signed in or not, stops the alert with one button.
  const anonymous = await browser.newContext();
  const anonymousPage = await anonymous.newPage();
  await anonymousPage.goto(unsubscribe);
  await anonymousPage.getByRole("button", { name: "Me désabonner" }).click();
  await expect(anonymousPage.getByText("Vous êtes désabonné")).toBeVisible();
  await anonymous.close();

  await loginAs(page, AGENT);
  await page.goto("/agent/profil");
  await expect(page.getByLabel("Recevoir chaque semaine par courriel les nouvelles missions qui me correspondent")).not.toBeChecked();
});

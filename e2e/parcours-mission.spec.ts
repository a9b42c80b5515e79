import { expect, test, type Page } from "@playwright/test";
import { loginAs, logout } from "./support/login";

const DEMANDEUR = "yann.le-goff@saint-brieuc.fr";
const DINUM = "claire.bernard@numerique.gouv.fr";
const AGENT = "camille.durand@interieur.gouv.fr";

const TITLE = "Sécurisation du site WordPress des archives municipales";
const COMMENT = "Précisez le nombre de pages du site et qui publie aujourd'hui.";
const MESSAGE = "J'administre plusieurs sites WordPress au ministère et je peux venir à Saint-Brieuc deux jours.";

/** Adds a skill with the keyboard only: type, arrow to the option, Enter. */
async function pickSkill(page: Page, typed: string, key: "ArrowDown" | "ArrowUp", expectedOption: RegExp) {
  const picker = page.getByRole("combobox", { name: /Ajouter une compétence/ });
  await picker.focus();
  await page.keyboard.type(typed);
  await expect(page.getByRole("option", { name: expectedOption })).toBeVisible();
  await page.keyboard.press(key);
  await page.keyboard.press("Enter");
}

/** The moderation queue's table (the page's header and the home also link to missions). */
function moderationQueue(page: Page) {
  return page.getByRole("table", { name: /missions? à modérer/ });
}

test("une mission va du dépôt à la candidature d'un agent, en passant par la modération", async ({ page }) => {
  test.setTimeout(180_000);

  // The demandeur starts a mission; submitting too early shows French errors on the fields.
  await loginAs(page, DEMANDEUR);
  await page.goto("/demandeur");
  await page.getByRole("link", { name: "Déposer une mission" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Déposer une mission" })).toBeVisible();
  await page.getByLabel("Titre de la mission").fill(TITLE);
  await page.getByRole("button", { name: "Soumettre à la modération" }).click();
  await expect(page.getByText("La mission ne peut pas encore être soumise : complétez les champs signalés.")).toBeVisible();
  await expect(page.getByText("Ajoutez au moins une compétence indispensable.")).toBeVisible();
  await expect(page.getByText("Indiquez la date de début.")).toBeVisible();
  await expect(page.getByLabel("Titre de la mission")).toHaveValue(TITLE);

  await page
    .getByLabel("Contexte")
    .fill("Le site des archives municipales tourne sur un WordPress ancien que personne n'a mis à jour depuis deux ans.");
  await page
    .getByLabel("Description de la mission")
    .fill("Faire l'état des lieux du site, mettre à jour WordPress et ses extensions, durcir la configuration et former l'archiviste à la maintenance courante.");
  await pickSkill(page, "wordpres", "ArrowDown", /^WordPress/);
  await expect(page.getByText("WordPress", { exact: true })).toBeVisible();
  await pickSkill(page, "Gestion des sauvegardes du site", "ArrowUp", /compétence libre/);
  await page.getByLabel("Importance de « Gestion des sauvegardes du site »").selectOption("souhaitee");
  await page.getByLabel("Nombre total d'heures").fill("16");
  await page.getByText("Récurrente (plusieurs séances)").click();
  await page.getByLabel("Date de début").fill("2027-03-01");
  await page.getByLabel("Date de fin").fill("2027-04-30");
  await page.getByLabel("Date limite pour trouver un agent").fill("2027-02-15");
  await page.getByText("Mixte (distance et sur site)").click();
  await page.getByRole("textbox", { name: /^Lieu/ }).fill("Saint-Brieuc");
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(page.getByText("Brouillon enregistré.", { exact: false })).toBeVisible();
  await expect(page).toHaveURL(/\/demandeur\/missions\/[0-9a-f-]+\/modifier$/);
  await page.getByRole("button", { name: "Soumettre à la modération" }).click();
  await expect(page).toHaveURL(/\/demandeur\?soumise=/);
  await expect(page.getByText("Votre mission est envoyée à l'équipe Mission Talents")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(TITLE) }).getByText("En modération")).toBeVisible();
  await logout(page);

  // DINUM returns it with a comment.
  await loginAs(page, DINUM);
  await page.goto("/dinum");
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: /^Modération/ }).click();
  // The home's to-do list links to the same mission: choose it in the queue once the queue is on screen,
  // not on the home while the menu's navigation is still under way.
  await expect(page.getByRole("heading", { level: 1, name: "Modération des missions" })).toBeVisible();
  await moderationQueue(page).getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await page.getByRole("button", { name: "Renvoyer au demandeur pour modification" }).click();
  await expect(page.getByText("Expliquez au demandeur ce qu'il doit modifier (10 caractères au moins).")).toBeVisible();
  await page.getByLabel("Commentaire pour le demandeur").fill(COMMENT);
  await page.getByRole("button", { name: "Renvoyer au demandeur pour modification" }).click();
  await expect(page.getByText("Mission renvoyée au demandeur avec votre commentaire.")).toBeVisible();
  await logout(page);

  // The demandeur reads the comment, edits and resubmits.
  await loginAs(page, DEMANDEUR);
  await page.goto("/demandeur");
  const row = page.getByRole("row", { name: new RegExp(TITLE) });
  await expect(row.getByText(COMMENT)).toBeVisible();
  await row.getByRole("link", { name: /Modifier et soumettre à nouveau/ }).click();
  // The home shows the comment twice (to-do list and table): wait for the form before reading it there.
  await expect(page).toHaveURL(/\/demandeur\/missions\/[0-9a-f-]+\/modifier$/);
  await expect(page.getByRole("main").getByText(COMMENT).first()).toBeVisible();
  const description = page.getByLabel("Description de la mission");
  await description.fill(`${await description.inputValue()} Le site compte environ 120 pages, publiées par l'archiviste seule.`);
  await page.getByRole("button", { name: "Soumettre à la modération" }).click();
  await expect(page).toHaveURL(/\/demandeur\?soumise=/);
  await logout(page);

  // DINUM publishes.
  await loginAs(page, DINUM);
  await page.goto("/dinum/moderation");
  const resubmitted = moderationQueue(page).getByRole("row", { name: new RegExp(TITLE) });
  await expect(resubmitted.getByText("Soumise à nouveau")).toBeVisible();
  await resubmitted.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByText("Commentaire de la modération précédente")).toBeVisible();
  // Publishing asks first: nothing happens until DINUM confirms.
  await page.getByRole("button", { name: "Publier la mission" }).click();
  await expect(page.getByText(/^Publier cette mission \?/)).toBeFocused();
  await page.getByRole("button", { name: "Oui, publier la mission" }).click();
  await expect(page.getByText("Mission publiée : les agents la voient dans le catalogue.")).toBeVisible();
  await logout(page);

  // The agent finds it with an accent-free search and filters, then applies.
  await loginAs(page, AGENT);
  await page.goto("/missions");
  await page.getByRole("searchbox", { name: /^Rechercher/ }).fill("securisation archives");
  await page.getByLabel("Famille de compétences").selectOption({ label: "CMS et sites web" });
  await page.getByLabel("Modalité").selectOption("mixte");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/q=securisation\+archives.*famille=cms.*mode=mixte/);
  await expect(page.getByText("1 mission publiée")).toBeVisible();
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByText("Mairie de Saint-Brieuc").first()).toBeVisible();
  await page.getByRole("button", { name: "Me positionner sur cette mission" }).click();
  await expect(page.getByText("Présentez-vous en quelques mots : 10 caractères au moins.")).toBeVisible();
  await page.getByLabel("Votre message").fill(MESSAGE);
  await page.getByRole("button", { name: "Me positionner sur cette mission" }).click();
  await expect(page.getByText(/Votre candidature à cette mission est envoyée/)).toBeVisible();
  await page.goto("/agent/candidatures");
  await expect(page.getByRole("row", { name: new RegExp(TITLE) }).getByText("Publiée")).toBeVisible();
  await logout(page);

  // The demandeur sees the application on the mission page.
  await loginAs(page, DEMANDEUR);
  await page.goto("/demandeur");
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { name: "Candidatures (1)" })).toBeVisible();
  await expect(page.getByText(MESSAGE)).toBeVisible();
  await expect(page.getByText(/Ministère de l'Intérieur/).first()).toBeVisible();
  await logout(page);

  // The agent withdraws the application: asked first, « Annuler » changes nothing.
  await loginAs(page, AGENT);
  await page.goto("/agent/candidatures");
  const application = page.getByRole("row", { name: new RegExp(TITLE) });
  const withdraw = application.getByRole("button", { name: /^Retirer ma candidature/ });
  await withdraw.click();
  await expect(application.getByText(/^Retirer votre candidature à/)).toBeFocused();
  await application.getByRole("button", { name: "Annuler" }).click();
  await expect(withdraw).toBeFocused();
  await expect(application.getByText(/^Envoyée le/)).toBeVisible();
  await withdraw.click();
  await application.getByRole("button", { name: "Oui, retirer ma candidature" }).click();
  await expect(application.getByText(/^Retirée le/)).toBeVisible();
});

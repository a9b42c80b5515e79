import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { linkIn, waitForMail } from "./support/mailbox";
import { loginAs, loginHere, logout } from "./support/login";
import { fillField } from "./support/forms";

const DINUM = "claire.bernard@numerique.gouv.fr";
const YANN = "yann.le-goff@saint-brieuc.fr";
const CAMILLE = { name: "Camille Durand", email: "camille.durand@interieur.gouv.fr", manager: "sophie.martin@interieur.gouv.fr" };
const MISSION = "Cartographie de l'offre d'accompagnement des personnes âgées dans le Rhône";
const CONSENT_LINK = /http:\/\/localhost:\d+\/consentement\/[A-Za-z0-9_-]{43}/;

/** The seed's stable ids (src/server/db/seed/index.ts: seedUuid). */
function seededMissionId(key: string): string {
  const hex = createHash("sha1").update(`partagez-vos-talents:mission:${key}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

test("changer d'administration n'est qu'une demande : tant que la DINUM n'a pas approuvé, les pages et actions de l'autre administration restent refusées", async ({ page }) => {
  test.setTimeout(120_000);
  await loginAs(page, YANN);
  await page.goto("/compte");
  const mine = page.locator("section", { has: page.getByRole("heading", { name: "Mon administration" }) });
  await expect(mine.locator("dd").first()).toHaveText("Mairie de Saint-Brieuc");

  // The administration comes from ProConnect: the form only sends a request to DINUM.
  const choice = page.getByLabel("Administration demandée");
  const girondeId = await choice.locator("option", { hasText: "Préfecture de la Gironde" }).getAttribute("value");
  await choice.selectOption({ label: "Préfecture de la Gironde" });
  await page.getByRole("button", { name: "Demander la correction" }).click();
  await expect(page.getByText(/Expliquez en une phrase pourquoi/)).toBeVisible();
  await page.getByLabel("Pourquoi cette correction ?").fill("Je travaille désormais à la préfecture de la Gironde.");
  await page.getByRole("button", { name: "Demander la correction" }).click();
  // The action's answer brings the refreshed page with it: the form's confirmation may be replaced at
  // once by the pending request it created (seen in a CI run), which is what the person reads either way.
  const confirmation = page.getByText(/^Demande envoyée à l'équipe DINUM\. Votre administration ne change qu'après son approbation/);
  await expect(confirmation.or(page.getByRole("heading", { name: "Demande de correction en attente" })).first()).toBeVisible();
  await page.reload();
  await expect(page.getByText("Demande de correction en attente")).toBeVisible();
  await expect(mine.locator("dd").first()).toHaveText("Mairie de Saint-Brieuc");

  // The other administration's candidates, statement and missions stay out of reach.
  await page.goto(`/demandeur/missions/${seededMissionId("tableau-bord-titres-sejour-gironde")}/candidats`);
  await expect(page.getByRole("heading", { name: "Page non trouvée" })).toBeVisible();
  const statement = await page.request.get(`/api/compensation/releve/${girondeId}`);
  expect(statement.status()).toBe(403);
  expect(await statement.text()).toBe("Vous ne pouvez consulter que le relevé de votre administration.");
  await page.goto(`/demandeur/missions/${seededMissionId("durcissement-debian-sarthe")}/modifier`);
  await expect(page.getByRole("heading", { level: 1, name: "Accès refusé" })).toBeVisible();
  await logout(page);

  // DINUM decides in its queue; the person is told.
  await loginAs(page, DINUM);
  await page.goto("/dinum/administrations");
  const request = page.locator("li", { hasText: YANN });
  await expect(request.getByText(/Préfecture de la Gironde \(SIRET 17330001700013\)/)).toBeVisible();
  await request.getByText("Refuser").click();
  await request.getByLabel(/Commentaire/).fill("Aucune trace de votre affectation à la préfecture : joignez votre arrêté.");
  await request.getByRole("button", { name: "Enregistrer la décision" }).click();
  // The request leaves the queue for the decisions, with DINUM's comment.
  await expect(page.getByRole("table", { name: "Dernières décisions" }).getByText(/Refusée — « Aucune trace de votre affectation/)).toBeVisible();
  await logout(page);

  await loginAs(page, YANN);
  await page.goto("/compte");
  await expect(page.getByText(/Refusée \(« Aucune trace de votre affectation/)).toBeVisible();
  await expect(mine.locator("dd").first()).toHaveText("Mairie de Saint-Brieuc");
});

async function proposeToCamille(page: Page) {
  await loginAs(page, DINUM);
  await page.goto("/dinum/missions?etat=publiee");
  await page.getByRole("link", { name: MISSION }).click();
  await page.getByRole("link", { name: "Examiner et proposer" }).click();
  // count() does not wait: the review must be on screen before asking whether Camille is in it.
  await expect(page.getByRole("heading", { level: 1, name: "Examiner et proposer" })).toBeVisible();
  if ((await page.locator(`[data-candidat="${CAMILLE.name}"]`).count()) === 0) {
    await page.getByRole("searchbox", { name: /Rechercher un agent/ }).fill(CAMILLE.email);
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.getByRole("radio", { name: new RegExp(CAMILLE.name) }).check({ force: true });
    await page.getByLabel("Raison de l'ajout").fill("Profil signalé par son administration");
    await page.getByRole("button", { name: "Ajouter à la liste" }).click();
  }
  await page.getByRole("checkbox", { name: `Choisir ${CAMILLE.name}` }).check({ force: true });
  await page.getByRole("button", { name: "Proposer la mission aux agents sélectionnés" }).click();
  await expect(page.getByText("La mission a été proposée à 1 agent.")).toBeVisible();
  await logout(page);
}

test("seul le manager nommé, connecté avec ProConnect, répond ; l'agent ne peut ni se nommer ni consentir, et aucun lien utilisable n'apparaît chez la DINUM", async ({ page }) => {
  test.setTimeout(240_000);

  // The profile refuses the agent's own address with a « + » and a personal webmail.
  await loginAs(page, CAMILLE.email);
  await page.goto("/agent/profil");
  const managerEmail = page.getByLabel(/^Adresse électronique professionnelle de mon responsable/);
  await fillField(managerEmail, "camille.durand+chef@interieur.gouv.fr");
  await page.getByRole("button", { name: "Enregistrer mon profil" }).click();
  await expect(page.getByText(/pas la vôtre \(même avec un « \+ »/)).toBeVisible();
  await fillField(managerEmail, "mon.chef@gmail.com");
  await page.getByRole("button", { name: "Enregistrer mon profil" }).click();
  await expect(page.getByText(/une messagerie personnelle \(Gmail, Orange, Outlook…\)/)).toBeVisible();
  await logout(page);

  await proposeToCamille(page);
  const acceptedAt = Date.now();
  await loginAs(page, CAMILLE.email);
  await page.goto("/agent/propositions");
  const card = page.locator("li", { hasText: MISSION });
  await card.getByLabel("Je confirme être disponible pour cette mission").check({ force: true });
  await card.getByRole("button", { name: "Accepter" }).click();
  await expect(card.getByText("Acceptée, en attente de l'accord du manager")).toBeVisible();

  // Camille gets hold of her manager's link: signed in as herself, she cannot answer.
  const mail = await waitForMail(CAMILLE.manager, /votre accord est demandé/i, acceptedAt);
  const link = linkIn(mail, CONSENT_LINK);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Réponse impossible avec ce compte" })).toBeVisible();
  await expect(page.getByText(/Vous êtes l'agent concerné par cette demande : seul votre manager peut donner son accord/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Envoyer ma réponse" })).toHaveCount(0);
  await logout(page);

  // DINUM reads the email it sent: no usable link, anywhere in its pages.
  await loginAs(page, DINUM);
  await page.goto("/dinum/courriels");
  await page.getByRole("link", { name: /votre accord est demandé pour la mission de Camille Durand/i }).first().click();
  await expect(page.getByText(/\[lien personnel ajouté au moment de l’envoi\]/)).toBeVisible();
  expect(await page.content()).not.toMatch(/\/consentement\/[A-Za-z0-9_-]{43}/);
  await expect(page.locator('a[href*="/consentement/"]')).toHaveCount(0);
  await page.goto("/dinum/consentements");
  const pending = page.locator("li", { hasText: MISSION });
  await expect(pending.getByText(`Vérification attendue : connexion ProConnect de ${CAMILLE.manager}.`)).toBeVisible();
  // Each row's forms are rendered when their disclosure is opened.
  await expect(pending.getByLabel("Preuve")).toHaveCount(0);
  await pending.getByText("Le manager ne peut pas utiliser ProConnect").click();
  await expect(pending.getByLabel("Preuve")).toBeVisible();
  await pending.getByText("Renvoyer le lien, au même manager ou à une autre adresse").click();
  await expect(pending.getByRole("button", { name: "Renvoyer le lien" })).toBeVisible();
  expect(await page.content()).not.toMatch(/\/consentement\/[A-Za-z0-9_-]{43}/);
  await logout(page);

  // The named manager follows the link, signs in with ProConnect, answers.
  await page.goto(link);
  await expect(page.getByText(/Connectez-vous avec ProConnect : nous vérifions ainsi que vous êtes bien la personne/)).toBeVisible();
  await expect(page.getByText(MISSION)).toHaveCount(0);
  await loginHere(page, CAMILLE.manager);
  await expect(page.getByRole("heading", { level: 1, name: "Votre accord est demandé" })).toBeVisible();
  await expect(page.getByText(`Vous répondez en tant que Sophie Martin (${CAMILLE.manager}), identité vérifiée par ProConnect.`)).toBeVisible();
  await page.getByRole("radio", { name: "Je refuse" }).check({ force: true });
  await page.getByLabel("Commentaire (facultatif)").fill("Pas ce trimestre");
  await page.getByRole("button", { name: "Envoyer ma réponse" }).click();
  await expect(page.getByText("Réponse enregistrée")).toBeVisible();
  await logout(page);

  // DINUM sees how that answer was verified.
  await loginAs(page, DINUM);
  await page.goto("/dinum/consentements");
  const answered = page.locator("tr", { hasText: MISSION });
  await expect(answered.getByText(`Connexion ProConnect du manager nommé : ${CAMILLE.manager}, même SIREN que l'agent`)).toBeVisible();
});

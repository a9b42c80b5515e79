import { expect, test, type Page } from "@playwright/test";
import { linkIn, waitForMail } from "./support/mailbox";
import { loginAs, loginHere, logout } from "./support/login";

const DINUM = "claire.bernard@numerique.gouv.fr";
const DEMANDEUR = "yann.le-goff@saint-brieuc.fr";
const CAMILLE = { name: "Camille Durand", email: "camille.durand@interieur.gouv.fr", manager: "sophie.martin@interieur.gouv.fr" };
const NADIA = { name: "Nadia Haddad", email: "nadia.haddad@interieur.gouv.fr", manager: "frederic.lambert@interieur.gouv.fr" };
const MISSION = "Audit d'accessibilité RGAA du site de la ville et formation des contributeurs";

const rows = (page: Page) => page.locator("[data-candidat]");
const rowOf = (page: Page, name: string) => page.locator(`[data-candidat="${name}"]`);

/** Puts an agent in the review list: already suggested by the engine, or added by hand with a reason. */
async function ensureInList(page: Page, agent: { name: string; email: string }) {
  if ((await rowOf(page, agent.name).count()) > 0) return;
  await page.getByRole("searchbox", { name: /Rechercher un agent/ }).fill(agent.email);
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.getByRole("radio", { name: new RegExp(agent.name) }).check({ force: true });
  await page.getByLabel("Raison de l'ajout").fill("Profil signalé par son administration pour ce type de mission");
  await page.getByRole("button", { name: "Ajouter à la liste" }).click();
  await expect(rowOf(page, agent.name)).toBeVisible();
}

async function acceptProposal(page: Page, email: string) {
  await loginAs(page, email);
  // The agent's home lists the proposal to answer, and the menu counts it.
  await page.goto("/agent");
  await expect(page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: /^Mes propositions \(\d+\)$/ })).toBeVisible();
  await page.getByRole("link", { name: `Répondre à la proposition « ${MISSION} »` }).click();
  await expect(page).toHaveURL(/\/agent\/propositions#proposition-/);
  const card = page.locator("li", { hasText: MISSION });
  await card.getByLabel("Je confirme être disponible pour cette mission").check({ force: true });
  await card.getByRole("button", { name: "Accepter" }).click();
  await expect(card.getByText("Acceptée, en attente de l'accord du manager")).toBeVisible();
  await logout(page);
}

async function answerAsManager(page: Page, managerEmail: string, decision: RegExp, comment: string, since: number) {
  const mail = await waitForMail(managerEmail, /[Vv]otre accord est demandé/, since);
  await page.goto(linkIn(mail, /http:\/\/localhost:\d+\/consentement\/[A-Za-z0-9_-]{43}/));
  // The link finds the request; ProConnect proves the manager named is the one answering.
  await loginHere(page, managerEmail);
  await expect(page.getByRole("heading", { level: 1, name: "Votre accord est demandé" })).toBeVisible();
  await expect(page.getByText(MISSION)).toBeVisible();
  await page.getByRole("radio", { name: decision }).check({ force: true });
  await page.getByLabel("Commentaire (facultatif)").fill(comment);
  await page.getByRole("button", { name: "Envoyer ma réponse" }).click();
  await expect(page.getByText("Réponse enregistrée")).toBeVisible();
  // The link is single-use.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Lien inutilisable" })).toBeVisible();
  await logout(page);
}

test("d'une mission publiée à une mission terminée, avec l'accord des managers reçu par courriel", async ({ page }) => {
  test.setTimeout(240_000);

  // DINUM reviews the suggestions: pins one agent, excludes another, proposes to two agents.
  await loginAs(page, DINUM);
  await page.goto("/dinum/missions?etat=publiee");
  await page.getByRole("link", { name: MISSION }).click();
  await page.getByRole("link", { name: "Examiner et proposer" }).click();
  await expect(rows(page).first()).toBeVisible();
  await ensureInList(page, CAMILLE);
  await ensureInList(page, NADIA);
  const others: string[] = [];
  for (const name of await rows(page).evaluateAll((elements) => elements.map((element) => element.getAttribute("data-candidat") ?? ""))) {
    if (name && name !== CAMILLE.name && name !== NADIA.name) others.push(name);
  }
  const [toPin, toExclude] = others;
  await rowOf(page, toPin!).getByRole("button", { name: /^Épingler/ }).click();
  await page.getByLabel("Raison de cette modification").fill("Déjà formée au RGAA, disponible rapidement");
  await page.getByRole("button", { name: "Confirmer : épingler" }).click();
  await expect(rows(page).first()).toHaveAttribute("data-candidat", toPin!);
  await rowOf(page, toExclude!).getByRole("button", { name: /^Exclure/ }).click();
  await page.getByLabel("Raison de cette modification").fill("Indisponible jusqu'à l'été");
  await page.getByRole("button", { name: "Confirmer : exclure" }).click();
  await expect(rowOf(page, toExclude!).getByText("Exclu", { exact: true })).toBeVisible();
  await page.getByRole("checkbox", { name: `Choisir ${CAMILLE.name}` }).check({ force: true });
  await page.getByRole("checkbox", { name: `Choisir ${NADIA.name}` }).check({ force: true });
  await page.getByRole("button", { name: "Proposer la mission aux agents sélectionnés" }).click();
  await expect(page.getByText("La mission a été proposée à 2 agents.")).toBeVisible();
  await logout(page);

  // Both agents accept; each manager receives a consent link by email.
  const acceptedAt = Date.now();
  await acceptProposal(page, CAMILLE.email);
  await acceptProposal(page, NADIA.email);
  // Camille's manager finds the request waiting in her space, counted in the menu.
  await loginAs(page, CAMILLE.manager);
  await expect(page).toHaveURL(/\/manager$/);
  await expect(page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: /^Espace manager \(\d+\)$/ })).toBeVisible();
  const waiting = page.locator("section", { has: page.getByRole("heading", { name: "Demandes en attente de votre réponse" }) });
  await expect(waiting.getByRole("heading", { name: CAMILLE.name })).toBeVisible();
  await expect(waiting.getByText(new RegExp(`Mission « ${MISSION.replace(/[()]/g, ".")} », proposée par la Mairie de Saint-Brieuc`))).toBeVisible();
  await logout(page);
  await answerAsManager(page, CAMILLE.manager, /J'accepte que Camille Durand/, "Bonne occasion de partager son expertise", acceptedAt);
  // Her decision is now in the past decisions, and may still be withdrawn before the mission starts.
  await loginAs(page, CAMILLE.manager);
  const stillWaiting = page.locator("section", { has: page.getByRole("heading", { name: "Demandes en attente de votre réponse" }) });
  await expect(stillWaiting.getByRole("heading", { name: CAMILLE.name })).toHaveCount(0);
  const decision = page
    .locator("section", { has: page.getByRole("heading", { name: "Mes décisions passées" }) })
    .locator("li", { has: page.getByRole("heading", { name: `${CAMILLE.name} — « ${MISSION} »` }) });
  await expect(decision.getByText("Accord donné")).toBeVisible();
  await expect(decision.getByRole("button", { name: /^Retirer mon accord pour Camille Durand/ })).toBeVisible();
  await logout(page);
  await answerAsManager(page, NADIA.manager, /Je refuse/, "Période de mise en production chargée", acceptedAt);

  // DINUM sends the list: its queue says so first; only the consented agent is in it.
  await loginAs(page, DINUM);
  const lists = page.locator("div", { has: page.getByRole("heading", { name: /^Listes à envoyer \(\d+\)$/ }) }).last();
  await expect(lists.getByRole("link", { name: MISSION })).toBeVisible();
  await page.goto("/dinum/missions?etat=publiee");
  await page.getByRole("link", { name: MISSION }).click();
  const listSection = page.locator("section", { has: page.getByRole("heading", { name: "Liste pour le demandeur" }) });
  await expect(listSection.getByText(CAMILLE.name)).toBeVisible();
  await expect(listSection.getByText(NADIA.name)).toHaveCount(0);
  await listSection.getByRole("button", { name: "Envoyer la liste au demandeur" }).click();
  await expect(page.getByText(/Liste envoyée au demandeur : 1 candidat/)).toBeVisible();
  await logout(page);

  // The demandeur gets the email, sees exactly the consented agent and selects them.
  const listMail = await waitForMail(DEMANDEUR, /candidat.* pour votre mission/);
  expect(listMail.text).toContain(CAMILLE.name);
  expect(listMail.text).not.toContain(NADIA.name);
  await loginAs(page, DEMANDEUR);
  // The demandeur's home leads to the candidates to choose.
  await expect(page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: /^Mes missions \(\d+\)$/ })).toBeVisible();
  const todo = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "À faire" }) });
  await todo.getByRole("link", { name: `Choisir parmi 1 candidat pour « ${MISSION} »` }).click();
  await expect(page).toHaveURL(/\/demandeur\/missions\/[0-9a-f-]{36}\/candidats$/);
  await page.goto(linkIn(listMail, /http:\/\/localhost:\d+\/demandeur\/missions\/[0-9a-f-]{36}\/candidats/).replace(/^http:\/\/localhost:\d+/, ""));
  await expect(page.getByRole("main").getByText(CAMILLE.name).first()).toBeVisible();
  await expect(page.getByRole("main").getByText(NADIA.name)).toHaveCount(0);
  await page.getByRole("checkbox", { name: CAMILLE.name }).check({ force: true });
  await page.getByRole("button", { name: "Retenir et démarrer la mission" }).click();
  await expect(page.getByRole("heading", { name: "Agents retenus" })).toBeVisible();
  const candidatesPage = page.url();
  await logout(page);

  // The agent declares hours, the demandeur confirms them: the mission ends.
  await loginAs(page, CAMILLE.email);
  await page.getByRole("link", { name: `Déclarer mes heures pour « ${MISSION} »` }).click();
  const card = page.locator("li", { hasText: MISSION });
  await card.getByLabel("Heures passées sur la mission").fill("14");
  await card.getByRole("button", { name: "Déclarer mes heures" }).click();
  await expect(card.getByText(/^14 heures déclarées\./)).toBeVisible();
  await logout(page);

  await loginAs(page, DEMANDEUR);
  await page.getByRole("link", { name: `Confirmer les 14 heures de Camille Durand pour « ${MISSION} »` }).click();
  await expect(page).toHaveURL(candidatesPage);
  await expect(page.getByText("Camille Durand déclare 14 h")).toBeVisible();
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page.getByRole("heading", { name: "Mission terminée" })).toBeVisible();
  await expect(page.getByText("Heures confirmées : 14 h")).toBeVisible();
});

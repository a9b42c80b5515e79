import type { DemoAccount } from "@/server/db/seed/demo-accounts";

import { organizationLabelFor, type AcrValue } from "./claims";

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const STYLE = `
  body { font-family: Marianne, Arial, sans-serif; margin: 0; background: #f6f6f6; color: #161616; line-height: 1.5; }
  main { max-width: 42rem; margin: 2rem auto; padding: 1.5rem 2rem; background: #fff; border: 1px solid #ddd; }
  h1 { font-size: 1.75rem; margin-top: 0; }
  .notice { background: #e8edff; border-left: 4px solid #000091; padding: .5rem 1rem; }
  ul.accounts { list-style: none; padding: 0; }
  ul.accounts li { margin: 0 0 .75rem; }
  button { font: inherit; cursor: pointer; }
  button.account { display: block; width: 100%; text-align: left; padding: .75rem 1rem; background: #fff; border: 1px solid #000091; color: #161616; }
  button.account:hover { background: #f5f5fe; }
  button:focus-visible { outline: 3px solid #0a76f6; outline-offset: 2px; }
  .name { display: block; font-weight: 700; color: #000091; font-size: 1.1rem; }
  .detail { display: block; }
  button.secondary { background: none; border: none; text-decoration: underline; color: #000091; padding: 0; }
`;

function page(title: string, body: string, head = ""): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)} – ProConnect local</title>
  <style>${STYLE}</style>
  ${head}
</head>
<body>
  <main>
${body}
  </main>
</body>
</html>`;
}

export interface LoginPageInput {
  accounts: DemoAccount[];
  /** Where the chosen account is posted, e.g. `/interaction/:uid/login`. */
  loginAction: string;
  abortAction: string;
  clientId: string;
  acr: AcrValue;
}

export function renderLoginPage({ accounts, loginAction, abortAction, clientId, acr }: LoginPageInput): string {
  const accountItems = accounts
    .map((account) => {
      const administration = organizationLabelFor(account.siret) ?? `SIRET ${account.siret}`;
      return `        <li>
          <button class="account" type="submit" name="sub" value="${escapeHtml(account.sub)}">
            <span class="name">${escapeHtml(`${account.given_name} ${account.usual_name}`)}</span>
            <span class="detail">${escapeHtml(account.roleLabel)}</span>
            <span class="detail">${escapeHtml(account.email)}</span>
            <span class="detail">${escapeHtml(administration)}</span>
          </button>
        </li>`;
    })
    .join("\n");

  return page(
    "Connexion",
    `    <h1>Se connecter avec ProConnect (environnement local)</h1>
    <p class="notice">Fournisseur d'identité de démonstration : aucun mot de passe n'est demandé.
      Choisissez l'identité avec laquelle vous connecter à <strong>${escapeHtml(clientId)}</strong>
      (niveau demandé : <strong>${escapeHtml(acr)}</strong>).</p>
    <form method="post" action="${escapeHtml(loginAction)}">
      <h2 id="accounts-title">Comptes de démonstration</h2>
      <ul class="accounts" aria-labelledby="accounts-title">
${accountItems}
      </ul>
    </form>
    <form method="post" action="${escapeHtml(abortAction)}">
      <button class="secondary" type="submit">Annuler et revenir au service</button>
    </form>`,
  );
}

export function renderErrorPage(title: string, details: Record<string, string | undefined>): string {
  const rows = Object.entries(details)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `      <dt>${escapeHtml(key)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join("\n");
  return page(
    title,
    `    <h1>${escapeHtml(title)}</h1>
    <dl>
${rows}
    </dl>`,
  );
}

/**
 * oidc-provider's logout form only carries the xsrf token; adding `logout=yes` ends the whole
 * session, and the script submits it at once because ProConnect never asks for confirmation.
 */
export function renderLogoutAutoSubmit(providerForm: string): string {
  const form = providerForm.replace(
    "</form>",
    `<input type="hidden" name="logout" value="yes"/><noscript><button type="submit">Se déconnecter</button></noscript></form>`,
  );
  return page(
    "Déconnexion",
    `    <h1>Déconnexion en cours…</h1>
    ${form}`,
    `<script>document.addEventListener("DOMContentLoaded", function () { document.forms[0].submit(); });</script>`,
  );
}

/** Shown only when the client sent no (or no valid) post_logout_redirect_uri. */
export function renderLoggedOutPage(): string {
  return page("Déconnecté", `    <h1>Vous êtes déconnecté de ProConnect (local)</h1>`);
}

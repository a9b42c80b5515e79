/**
 * Who may answer a consent request: pure rules, shared by the profile form, DINUM's resend and
 * the consent page. See docs/DECISIONS.md, « Consentement : l'identité du manager ».
 */

/** Domains whose mail servers ignore dots in the local part (and their aliases). */
const DOT_INSENSITIVE_DOMAINS: Record<string, string> = { "gmail.com": "gmail.com", "googlemail.com": "gmail.com" };

/**
 * Personal webmail domains: a manager's answer commits an administration, so it comes from a
 * professional address. The list covers the providers French agents use most; anything else is
 * still checked at the decision, by ProConnect and the same-organisation rule.
 */
export const PERSONAL_WEBMAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.fr",
  "yahoo.com",
  "ymail.com",
  "hotmail.fr",
  "hotmail.com",
  "outlook.fr",
  "outlook.com",
  "live.fr",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "aol.fr",
  "orange.fr",
  "wanadoo.fr",
  "free.fr",
  "sfr.fr",
  "neuf.fr",
  "laposte.net",
  "bbox.fr",
  "numericable.fr",
  "protonmail.com",
  "proton.me",
  "pm.me",
  "gmx.fr",
  "gmx.com",
  "gmx.net",
  "tutanota.com",
  "yandex.com",
  "mail.com",
  "zoho.com",
]);

/**
 * One mailbox, one form: lower case, no `+tag` (plus-addressing delivers `a+x@d` to `a@d`), and
 * no dots where the domain ignores them. Used only to compare addresses, never to send.
 */
export function mailboxKey(email: string): string {
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0) return trimmed;
  let local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  const canonical = DOT_INSENSITIVE_DOMAINS[domain];
  if (canonical) {
    domain = canonical;
    local = local.replace(/\./g, "");
  }
  return `${local}@${domain}`;
}

export function sameMailbox(a: string, b: string): boolean {
  return mailboxKey(a) === mailboxKey(b);
}

export function isPersonalWebmail(email: string): boolean {
  const domain = email.trim().toLowerCase().split("@").pop() ?? "";
  return PERSONAL_WEBMAIL_DOMAINS.has(domain);
}

/** Why a manager address given by the agent is refused, or null when it may be used. */
export function managerAddressProblem(managerEmail: string, agentEmail: string): string | null {
  if (sameMailbox(managerEmail, agentEmail)) {
    return "Indiquez l'adresse de votre responsable, pas la vôtre (même avec un « + » ou des points en plus) : c'est lui ou elle qui donnera son accord.";
  }
  if (isPersonalWebmail(managerEmail)) {
    return "Indiquez l'adresse professionnelle de votre responsable : une messagerie personnelle (Gmail, Orange, Outlook…) ne permet pas de vérifier son accord.";
  }
  return null;
}

export interface OrganisationRef {
  siret: string | null;
  /** ministere | prefecture | collectivite | hopital | operateur | autre */
  kind: string | null;
  ministry: string | null;
}

const UNKNOWN_MINISTRY = "Non renseigné";
/** State services, where one ministry is one employer: a central directorate and its prefectures. */
const STATE_KINDS = new Set(["ministere", "prefecture"]);

/**
 * Same organisation: the same legal entity (SIREN, the first nine digits of the SIRET: every
 * establishment of one body shares it), or, for State services only, the same ministry of
 * attachment recorded for both (an agent of a prefecture whose n+1 sits in the ministry). Local
 * authorities, hospitals and operators are each their own employer: SIREN only.
 */
export function sameOrganisation(agent: OrganisationRef, manager: OrganisationRef): "siren" | "ministere" | null {
  if (agent.siret && manager.siret && agent.siret.slice(0, 9) === manager.siret.slice(0, 9)) return "siren";
  const stateServices = STATE_KINDS.has(agent.kind ?? "") && STATE_KINDS.has(manager.kind ?? "");
  if (stateServices && agent.ministry && agent.ministry !== UNKNOWN_MINISTRY && agent.ministry === manager.ministry) return "ministere";
  return null;
}

export interface ConsentIdentityInput {
  /** The person signed in with ProConnect. */
  viewer: { userId: string; sub: string; email: string; organisation: OrganisationRef };
  agent: { userId: string; sub: string; email: string; organisation: OrganisationRef };
  /** The address the request was sent to. */
  managerEmail: string;
}

export type ConsentIdentityRefusal = "agent" | "autre_personne" | "autre_organisation";

export const CONSENT_IDENTITY_REFUSALS: Record<ConsentIdentityRefusal, string> = {
  agent:
    "Vous êtes l'agent concerné par cette demande : seul votre manager peut donner son accord. Rien n'a été enregistré.",
  autre_personne:
    "Cette demande est adressée à une autre personne : connectez-vous avec le compte ProConnect de l'adresse qui a reçu le courriel. Rien n'a été enregistré.",
  autre_organisation:
    "Votre compte ProConnect ne relève pas de la même organisation que l'agent : votre réponse ne peut pas être retenue. L'équipe Mission Talents de la DINUM peut recueillir votre accord autrement. Rien n'a été enregistré.",
};

/** The rule of docs/DECISIONS.md: the named manager, verified by ProConnect, never the agent, same organisation. */
export function checkConsentIdentity(input: ConsentIdentityInput): { ok: true; organisation: "siren" | "ministere" } | { ok: false; refusal: ConsentIdentityRefusal } {
  const { viewer, agent } = input;
  if (viewer.userId === agent.userId || viewer.sub === agent.sub || sameMailbox(viewer.email, agent.email)) {
    return { ok: false, refusal: "agent" };
  }
  if (!sameMailbox(viewer.email, input.managerEmail)) return { ok: false, refusal: "autre_personne" };
  const organisation = sameOrganisation(agent.organisation, viewer.organisation);
  if (!organisation) return { ok: false, refusal: "autre_organisation" };
  return { ok: true, organisation };
}

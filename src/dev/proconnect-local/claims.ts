import { demoAdministrations } from "@/server/db/seed/administrations";
import { DEMO_IDP_ID, type DemoAccount } from "@/server/db/seed/demo-accounts";

/**
 * Scope → claims, as documented by ProConnect ("Correspondance entre scope et claims").
 * Each user claim has its own scope of the same name, except `phone` → `phone_number`.
 * `acr`, `amr` and `auth_time` ride on `openid` so the id_token always carries them,
 * like ProConnect's (its id_token has no user claims: those come from the userinfo JWT).
 */
export const PROCONNECT_SCOPE_CLAIMS = {
  openid: ["sub", "acr", "amr", "auth_time"],
  email: ["email"],
  given_name: ["given_name"],
  usual_name: ["usual_name"],
  uid: ["uid"],
  siret: ["siret"],
  organizational_unit: ["organizational_unit"],
  belonging_population: ["belonging_population"],
  phone: ["phone_number"],
  idp_id: ["idp_id"],
  organization_label: ["organization_label"],
} satisfies Record<string, string[]>;

export type ProConnectScope = keyof typeof PROCONNECT_SCOPE_CLAIMS;

/** Every scope this provider understands, space separated, ready for an authorize request. */
export const ALL_PROCONNECT_SCOPES = Object.keys(PROCONNECT_SCOPE_CLAIMS).join(" ");

export const SUPPORTED_ACR_VALUES = ["eidas1", "eidas2", "eidas3"] as const;
export type AcrValue = (typeof SUPPORTED_ACR_VALUES)[number];
export const DEFAULT_ACR: AcrValue = "eidas1";

function isAcrValue(value: unknown): value is AcrValue {
  return typeof value === "string" && (SUPPORTED_ACR_VALUES as readonly string[]).includes(value);
}

/** acr values asked through the `claims` parameter: `{"id_token":{"acr":{"value"|"values":…}}}`. */
function acrFromClaimsParameter(claimsParameter: unknown): unknown[] {
  if (typeof claimsParameter !== "string") return [];
  try {
    const parsed: unknown = JSON.parse(claimsParameter);
    if (typeof parsed !== "object" || parsed === null) return [];
    const idToken: unknown = Reflect.get(parsed, "id_token");
    if (typeof idToken !== "object" || idToken === null) return [];
    const acr: unknown = Reflect.get(idToken, "acr");
    if (typeof acr !== "object" || acr === null) return [];
    const values: unknown = Reflect.get(acr, "values");
    return Array.isArray(values) ? values : [Reflect.get(acr, "value")];
  } catch {
    return [];
  }
}

/**
 * The acr to put in the id_token: the first supported one the client asked for
 * (`acr_values` first, then the `claims` parameter), `eidas1` otherwise.
 * Answering what was asked keeps the login prompt from looping on an essential acr.
 */
export function pickAcr(authorizationParams: Record<string, unknown>): AcrValue {
  const acrValues = authorizationParams.acr_values;
  const requested = [
    ...(typeof acrValues === "string" ? acrValues.split(" ") : []),
    ...acrFromClaimsParameter(authorizationParams.claims),
  ];
  return requested.find(isAcrValue) ?? DEFAULT_ACR;
}

/** Authentication methods (RFC 8176 values, as ProConnect uses them) consistent with the acr. */
export function amrFor(acr: AcrValue): string[] {
  return acr === "eidas1" ? ["pwd"] : ["pwd", "otp", "mfa"];
}

export function organizationLabelFor(siret: string): string | undefined {
  return demoAdministrations.find((administration) => administration.siret === siret)?.name;
}

/**
 * Every user claim of an account; oidc-provider keeps only those the granted scopes allow.
 * Optional claims are left out rather than sent empty, as ProConnect does.
 */
export function userClaimsFor(account: DemoAccount): { sub: string } & Record<string, string> {
  const claims: { sub: string } & Record<string, string> = {
    sub: account.sub,
    // ProConnect's `uid` is the identity provider's own identifier; the local one reuses `sub`.
    uid: account.sub,
    email: account.email,
    given_name: account.given_name,
    usual_name: account.usual_name,
    siret: account.siret,
    organizational_unit: account.organizational_unit,
    // Demo accounts are all civil servants of the administration they log in for.
    belonging_population: "agent",
    idp_id: DEMO_IDP_ID,
  };
  if (account.phone_number) claims.phone_number = account.phone_number;
  const organizationLabel = organizationLabelFor(account.siret);
  if (organizationLabel) claims.organization_label = organizationLabel;
  return claims;
}

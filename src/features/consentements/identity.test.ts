import { describe, expect, it } from "vitest";
import { checkConsentIdentity, isPersonalWebmail, mailboxKey, managerAddressProblem, sameOrganisation } from "./identity";

const interieur = { siret: "11000201100044", kind: "ministere", ministry: "Ministère de l'Intérieur" };
const sarthe = { siret: "17720001500016", kind: "prefecture", ministry: "Ministère de l'Intérieur" };
const saintBrieuc = { siret: "21220278700015", kind: "collectivite", ministry: "Collectivités territoriales" };
const rhone = { siret: "22690001700019", kind: "collectivite", ministry: "Collectivités territoriales" };

const agent = { userId: "agent-id", sub: "agent-sub", email: "camille.durand@interieur.gouv.fr", organisation: interieur };
const manager = { userId: "manager-id", sub: "manager-sub", email: "sophie.martin@interieur.gouv.fr", organisation: interieur };

describe("identité du manager", () => {
  it("compare les boîtes : casse, adresse « + », points là où le domaine les ignore", () => {
    expect(mailboxKey(" Camille.Durand+Chef@Interieur.gouv.fr ")).toBe("camille.durand@interieur.gouv.fr");
    expect(mailboxKey("c.a.m.i.l.l.e+x@googlemail.com")).toBe("camille@gmail.com");
    // Elsewhere a dot is a different mailbox.
    expect(mailboxKey("camille.durand@interieur.gouv.fr")).not.toBe(mailboxKey("camilledurand@interieur.gouv.fr"));
  });

  it("refuse l'adresse de l'agent sous toutes ses formes et les messageries personnelles", () => {
    expect(managerAddressProblem("CAMILLE.DURAND+chef@interieur.gouv.fr", agent.email)).toMatch(/pas la vôtre/);
    expect(managerAddressProblem("chef.perso@gmail.com", agent.email)).toMatch(/professionnelle/);
    expect(isPersonalWebmail("x@orange.fr")).toBe(true);
    expect(managerAddressProblem("sophie.martin@interieur.gouv.fr", agent.email)).toBeNull();
  });

  it("même organisation : même SIREN, ou même ministère pour les services de l'État seulement", () => {
    expect(sameOrganisation(interieur, { ...interieur, siret: "11000201100101" })).toBe("siren");
    expect(sameOrganisation(sarthe, interieur)).toBe("ministere");
    expect(sameOrganisation(saintBrieuc, rhone)).toBeNull();
    expect(sameOrganisation(interieur, saintBrieuc)).toBeNull();
    expect(sameOrganisation({ ...sarthe, ministry: "Non renseigné" }, { ...interieur, ministry: "Non renseigné" })).toBeNull();
  });

  it("seul le manager nommé, vérifié, jamais l'agent, de la même organisation", () => {
    expect(checkConsentIdentity({ viewer: manager, agent, managerEmail: "Sophie.Martin@interieur.gouv.fr" })).toEqual({ ok: true, organisation: "siren" });
    expect(checkConsentIdentity({ viewer: agent, agent, managerEmail: agent.email })).toEqual({ ok: false, refusal: "agent" });
    // The agent under another account whose address is a variant of theirs.
    expect(
      checkConsentIdentity({ viewer: { ...manager, email: "camille.durand+chef@interieur.gouv.fr" }, agent, managerEmail: "camille.durand+chef@interieur.gouv.fr" }),
    ).toEqual({ ok: false, refusal: "agent" });
    expect(checkConsentIdentity({ viewer: { ...manager, sub: agent.sub }, agent, managerEmail: manager.email })).toEqual({ ok: false, refusal: "agent" });
    expect(checkConsentIdentity({ viewer: manager, agent, managerEmail: "autre.chef@interieur.gouv.fr" })).toEqual({ ok: false, refusal: "autre_personne" });
    expect(
      checkConsentIdentity({ viewer: { ...manager, organisation: saintBrieuc }, agent, managerEmail: manager.email }),
    ).toEqual({ ok: false, refusal: "autre_organisation" });
  });
});

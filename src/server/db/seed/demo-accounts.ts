/**
 * Demo identities served by the local ProConnect-style provider and seeded as users.
 * Claims mirror ProConnect's (`given_name`, `usual_name`, `siret`, ...).
 */
export type DemoRole = "agent" | "demandeur" | "manager" | "dinum";

export interface DemoAccount {
  sub: string;
  role: DemoRole;
  /** Shown on the local provider's login page. */
  roleLabel: string;
  email: string;
  given_name: string;
  usual_name: string;
  siret: string;
  organizational_unit: string;
  phone_number?: string;
}

export const DEMO_IDP_ID = "proconnect-local";

export const demoAccounts: DemoAccount[] = [
  {
    sub: "demo-agent-camille",
    role: "agent",
    roleLabel: "Agent public (propose ses talents)",
    email: "camille.durand@interieur.gouv.fr",
    given_name: "Camille",
    usual_name: "Durand",
    siret: "11000201100044",
    organizational_unit: "Sous-direction des infrastructures",
  },
  {
    sub: "demo-agent-nadia-haddad",
    role: "agent",
    roleLabel: "Agent publique, acheteuse (une autre manager que Camille)",
    email: "nadia.haddad@interieur.gouv.fr",
    given_name: "Nadia",
    usual_name: "Haddad",
    siret: "11000201100044",
    organizational_unit: "Bureau des achats numériques",
  },
  {
    sub: "demo-agent-karim-benali",
    role: "agent",
    roleLabel: "Agent public (essaie le téléchargement et la suppression de ses données)",
    email: "karim.benali@interieur.gouv.fr",
    given_name: "Karim",
    usual_name: "Benali",
    siret: "11000201100044",
    organizational_unit: "Sous-direction des infrastructures",
  },
  {
    sub: "demo-demandeur-yann",
    role: "demandeur",
    roleLabel: "Demandeur (administration qui a un besoin)",
    email: "yann.le-goff@saint-brieuc.fr",
    given_name: "Yann",
    usual_name: "Le Goff",
    siret: "21220278700015",
    organizational_unit: "Direction de la communication",
  },
  {
    sub: "demo-manager-sophie",
    role: "manager",
    roleLabel: "Manager (n+1 d'un agent)",
    email: "sophie.martin@interieur.gouv.fr",
    given_name: "Sophie",
    usual_name: "Martin",
    siret: "11000201100044",
    organizational_unit: "Sous-direction des infrastructures",
  },
  {
    sub: "demo-manager-frederic",
    role: "manager",
    roleLabel: "Manager (n+1 de Nadia Haddad)",
    email: "frederic.lambert@interieur.gouv.fr",
    given_name: "Frédéric",
    usual_name: "Lambert",
    siret: "11000201100044",
    organizational_unit: "Bureau des achats numériques",
  },
  {
    sub: "demo-dinum-claire",
    role: "dinum",
    roleLabel: "Équipe Mission Talents (DINUM)",
    email: "claire.bernard@numerique.gouv.fr",
    given_name: "Claire",
    usual_name: "Bernard",
    siret: "11000101300017",
    organizational_unit: "Mission Talents",
  },
];

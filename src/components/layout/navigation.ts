import type { CurrentUser } from "@/server/auth/roles";
import type { NavigationLink } from "./site-header";

/** Main menu entries for the spaces the user holds. */
export function navigationFor(user: CurrentUser | null): NavigationLink[] {
  if (!user) return [{ text: "Accueil", href: "/" }];
  // The DINUM team works from its own space; its members' agent pages stay reachable by URL.
  if (user.roles.includes("dinum")) {
    return [
      { text: "Tableau de bord", href: "/dinum" },
      { text: "Modération", href: "/dinum/moderation" },
      { text: "Toutes les missions", href: "/dinum/missions" },
      { text: "Référentiel", href: "/dinum/referentiel" },
      { text: "Accords en attente", href: "/dinum/consentements" },
      { text: "Administrations", href: "/dinum/administrations" },
      { text: "Compensation", href: "/dinum/compensation" },
      { text: "Observatoire", href: "/dinum/observatoire" },
      { text: "Contributeurs", href: "/dinum/contributeurs" },
      { text: "Courriels", href: "/dinum/courriels" },
      { text: "Sessions", href: "/dinum/sessions" },
    ];
  }
  const links: NavigationLink[] = [];
  if (user.roles.includes("agent")) {
    links.push(
      { text: "Missions pour moi", href: "/agent" },
      { text: "Catalogue des missions", href: "/missions" },
      { text: "Mon profil", href: "/agent/profil" },
      { text: "Mes candidatures", href: "/agent/candidatures" },
      { text: "Mes propositions", href: "/agent/propositions" },
    );
  }
  // Any public agent may post a need for their administration; the first mission makes them a demandeur.
  links.push(
    user.roles.includes("demandeur")
      ? { text: "Mes missions", href: "/demandeur" }
      : { text: "Déposer une mission", href: "/demandeur/missions/nouvelle" },
  );
  if (user.roles.includes("manager")) links.push({ text: "Espace manager", href: "/manager" });
  if (user.administrationId) links.push({ text: "Compensation", href: "/compensation" });
  return links;
}

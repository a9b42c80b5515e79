import type { NavigationCounts } from "@/features/a-faire/service";
import type { CurrentUser } from "@/server/auth/roles";
import type { NavigationLink } from "./site-header";

/** « Mes propositions (2) »: the number of things waiting there, when there are some. */
function counted(text: string, count: number | undefined): string {
  return count ? `${text} (${count})` : text;
}

/** Main menu entries for the spaces the user holds, with what waits in each. */
export function navigationFor(user: CurrentUser | null, counts: NavigationCounts = {}): NavigationLink[] {
  if (!user) return [{ text: "Accueil", href: "/" }];
  // The DINUM team works from its own space; its members' agent pages stay reachable by URL.
  if (user.roles.includes("dinum")) {
    return [
      { text: counted("À traiter", counts.dinum), href: "/dinum" },
      { text: counted("Modération", counts.moderation), href: "/dinum/moderation" },
      { text: "Toutes les missions", href: "/dinum/missions" },
      { text: "Référentiel", href: "/dinum/referentiel" },
      { text: counted("Accords en attente", counts.consentements), href: "/dinum/consentements" },
      { text: "Administrations", href: "/dinum/administrations" },
      { text: "Compensation", href: "/dinum/compensation" },
      { text: "Observatoire", href: "/dinum/observatoire" },
      { text: "Contributeurs", href: "/dinum/contributeurs" },
      { text: counted("Courriels", counts.courriels), href: "/dinum/courriels" },
      { text: "Sessions", href: "/dinum/sessions" },
    ];
  }
  const links: NavigationLink[] = [];
  if (user.roles.includes("agent")) {
    links.push(
      { text: "Mon espace", href: "/agent" },
      { text: "Catalogue des missions", href: "/missions" },
      { text: "Mon profil", href: "/agent/profil" },
      { text: "Mes candidatures", href: "/agent/candidatures" },
      { text: counted("Mes propositions", counts.propositions), href: "/agent/propositions" },
    );
  }
  // Any public agent may post a need for their administration; the first mission makes them a demandeur.
  links.push(
    user.roles.includes("demandeur")
      ? { text: counted("Mes missions", counts.demandeur), href: "/demandeur" }
      : { text: "Déposer une mission", href: "/demandeur/missions/nouvelle" },
  );
  if (user.roles.includes("manager")) links.push({ text: counted("Espace manager", counts.manager), href: "/manager" });
  if (user.administrationId) links.push({ text: "Compensation", href: "/compensation" });
  return links;
}

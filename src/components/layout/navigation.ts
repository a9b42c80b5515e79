import type { CurrentUser } from "@/server/auth/roles";
import type { NavigationLink } from "./site-header";

/** Main menu entries for the spaces the user holds. */
export function navigationFor(user: CurrentUser | null): NavigationLink[] {
  if (!user) return [{ text: "Accueil", href: "/" }];
  const links: NavigationLink[] = [];
  if (user.roles.includes("agent")) links.push({ text: "Espace agent", href: "/agent" });
  if (user.roles.includes("demandeur")) links.push({ text: "Espace demandeur", href: "/demandeur" });
  if (user.roles.includes("manager")) links.push({ text: "Espace manager", href: "/manager" });
  if (user.roles.includes("dinum")) links.push({ text: "Espace DINUM", href: "/dinum" });
  return links;
}

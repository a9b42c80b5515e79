import Link from "next/link";
import { FREE_TAGS_HREF, NEW_CONCEPT_HREF } from "../urls";

/** The three DINUM views of the référentiel, the current one marked for assistive technologies. */
export function ReferentielTabs({ current }: { current: "concepts" | "nouveau" | "libres" }) {
  const links = [
    { key: "concepts", href: "/dinum/referentiel", text: "Concepts" },
    { key: "libres", href: FREE_TAGS_HREF, text: "Compétences libres à rattacher" },
    { key: "nouveau", href: NEW_CONCEPT_HREF, text: "Nouveau concept" },
  ] as const;
  return (
    <nav className="fr-mb-4w" aria-label="Référentiel des compétences">
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        {links.map((link) => (
          <li key={link.key}>
            <Link
              href={link.href}
              className={`fr-btn fr-btn--sm ${link.key === current ? "" : "fr-btn--secondary"}`}
              aria-current={link.key === current ? "page" : undefined}
            >
              {link.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

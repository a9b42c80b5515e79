import type { Badge } from "../badges";
import { formatDate } from "@/lib/format-fr";


/** Badges as small DSFR badges, for a table row; the description is kept for screen readers and on hover. */
export function BadgeList({ badges }: { badges: Badge[] }) {
  if (badges.length === 0) return <span className="fr-text--sm">Aucun badge</span>;
  return (
    <ul className="fr-badges-group">
      {badges.map((badge) => (
        <li key={badge.id}>
          <p className="fr-badge fr-badge--sm fr-badge--green-emeraude" title={badge.description}>
            {badge.label}
            {badge.skills ? <span className="fr-sr-only"> : {badge.skills.join(", ")}</span> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Badges as DSFR tiles with their description and the date earned, for the agent's profile. */
export function BadgeTiles({ badges }: { badges: Badge[] }) {
  return (
    <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
      {badges.map((badge) => (
        <li key={badge.id} className="fr-col-12 fr-col-sm-6 fr-col-lg-4">
          <div className="fr-tile fr-tile--sm">
            <div className="fr-tile__body">
              <div className="fr-tile__content">
                <h3 className="fr-tile__title">{badge.label}</h3>
                <p className="fr-tile__desc">{badge.description}</p>
                {badge.earnedAt ? <p className="fr-tile__detail">Obtenu le {formatDate(badge.earnedAt)}</p> : null}
              </div>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}

import Link from "next/link";
import type { CatalogueItem } from "../service";
import { WORK_MODE_LABELS, type WorkMode } from "../schemas";
import { formatDay, formatHours } from "../format";

/** Published missions as DSFR cards; the whole card is the link. */
export function CatalogueList({ items }: { items: CatalogueItem[] }) {
  return (
    <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
      {items.map((item) => {
        const required = item.skills.filter((skill) => skill.required).slice(0, 4);
        return (
          <li key={item.id} className="fr-col-12 fr-col-md-6">
            <div className="fr-card fr-enlarge-link">
              <div className="fr-card__body">
                <div className="fr-card__content">
                  <h2 className="fr-card__title fr-h5">
                    <Link href={`/missions/${item.id}`}>{item.title}</Link>
                  </h2>
                  <p className="fr-card__desc">
                    {item.excerpt}
                    {item.excerpt.length >= 280 ? "…" : ""}
                  </p>
                  <div className="fr-card__start">
                    <ul className="fr-badges-group">
                      <li>
                        <p className="fr-badge fr-badge--sm fr-badge--blue-cumulus">
                          {WORK_MODE_LABELS[item.workMode as WorkMode] ?? item.workMode}
                        </p>
                      </li>
                      <li>
                        <p className="fr-badge fr-badge--sm">{formatHours(item.totalHours)}</p>
                      </li>
                      {required.map((skill) => (
                        <li key={`${skill.conceptId ?? ""}:${skill.label}`}>
                          <p className="fr-badge fr-badge--sm fr-badge--green-emeraude">{skill.label}</p>
                        </li>
                      ))}
                    </ul>
                    <p className="fr-card__detail fr-mt-1w">{item.administrationName}</p>
                  </div>
                  <div className="fr-card__end">
                    <p className="fr-card__detail">
                      Du {formatDay(item.startDate)} au {formatDay(item.endDate)}
                      {item.place ? ` · ${item.place}` : ""} · se positionner avant le {formatDay(item.staffingDeadline)}
                    </p>
                  </div>
                </div>
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

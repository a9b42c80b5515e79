import Link from "next/link";
import type { ContributorsQuery } from "../schemas";

/** The period and ministry as a plain GET form: the URL is the shareable view, even without JavaScript. */
export function ContributorsFilters({ query, ministries }: { query: ContributorsQuery; ministries: string[] }) {
  return (
    <form method="get" action="/dinum/contributeurs" role="search" aria-label="Filtrer les contributeurs" className="fr-mb-4w">
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-3">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="contributeurs-du">
              Heures confirmées à partir du
            </label>
            <input className="fr-input" id="contributeurs-du" name="du" type="date" defaultValue={query.du ?? ""} />
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="contributeurs-au">
              jusqu’au (inclus)
            </label>
            <input className="fr-input" id="contributeurs-au" name="au" type="date" defaultValue={query.au ?? ""} />
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="contributeurs-ministere">
              Ministère de l’agent
            </label>
            <select className="fr-select" id="contributeurs-ministere" name="ministere" defaultValue={query.ministere ?? ""}>
              <option value="">Tous les ministères</option>
              {ministries.map((ministry) => (
                <option key={ministry} value={ministry}>
                  {ministry}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-2">
          <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
            <li>
              <button type="submit" className="fr-btn">
                Filtrer
              </button>
            </li>
            <li>
              <Link className="fr-btn fr-btn--tertiary" href="/dinum/contributeurs">
                Effacer
              </Link>
            </li>
          </ul>
        </div>
      </div>
    </form>
  );
}

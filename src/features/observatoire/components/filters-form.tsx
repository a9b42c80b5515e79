import Link from "next/link";
import type { ObservatoireFilters } from "../filters";

/** A plain GET form: the filters live in the address, so a filtered view can be bookmarked or shared. */
export function ObservatoireFiltersForm({ filters, ministries }: { filters: ObservatoireFilters; ministries: string[] }) {
  return (
    <form method="get" action="/dinum/observatoire" className="fr-mb-4w">
      <fieldset className="fr-fieldset" aria-labelledby="observatoire-filtres-legende">
        <legend className="fr-fieldset__legend" id="observatoire-filtres-legende">
          Filtrer les chiffres
        </legend>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="observatoire-du">
              Du
              <span className="fr-hint-text">Premier jour inclus</span>
            </label>
            <input className="fr-input" type="date" id="observatoire-du" name="du" defaultValue={filters.from ?? ""} />
          </div>
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="observatoire-au">
              Au
              <span className="fr-hint-text">Dernier jour inclus</span>
            </label>
            <input className="fr-input" type="date" id="observatoire-au" name="au" defaultValue={filters.to ?? ""} />
          </div>
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="observatoire-ministere">
              Ministère
              <span className="fr-hint-text">Des missions ; pour l&apos;offre, des agents</span>
            </label>
            <select className="fr-select" id="observatoire-ministere" name="ministere" defaultValue={filters.ministry ?? ""}>
              <option value="">Tous les ministères</option>
              {ministries.map((ministry) => (
                <option key={ministry} value={ministry}>
                  {ministry}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="fr-fieldset__element">
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button className="fr-btn" type="submit">
                Appliquer les filtres
              </button>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" href="/dinum/observatoire">
                Réinitialiser
              </Link>
            </li>
          </ul>
        </div>
      </fieldset>
    </form>
  );
}

import Link from "next/link";
import { WORK_MODES, WORK_MODE_LABELS } from "../schemas";
import { CATALOGUE_SORTS, CATALOGUE_SORT_LABELS, type CatalogueQuery } from "../search-params";

/**
 * The catalogue's filters as a plain GET form: the resulting URL is the shareable view,
 * and it works before JavaScript loads.
 */
export function CatalogueFilters({ query, families }: { query: CatalogueQuery; families: { id: string; label: string }[] }) {
  return (
    <form method="get" action="/missions" role="search" aria-label="Rechercher et filtrer les missions" className="fr-mb-4w">
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="catalogue-q">
              Rechercher
              <span className="fr-hint-text">Mots du titre, de la description ou des compétences (accents facultatifs).</span>
            </label>
            <input className="fr-input" id="catalogue-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={200} />
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="catalogue-famille">
              Famille de compétences
            </label>
            <select className="fr-select" id="catalogue-famille" name="famille" defaultValue={query.famille ?? ""}>
              <option value="">Toutes les familles</option>
              {families.map((family) => (
                <option key={family.id} value={family.id}>
                  {family.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="catalogue-mode">
              Modalité
            </label>
            <select className="fr-select" id="catalogue-mode" name="mode" defaultValue={query.mode ?? ""}>
              <option value="">Toutes</option>
              {WORK_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {WORK_MODE_LABELS[mode]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="catalogue-lieu">
              Lieu
            </label>
            <input className="fr-input" id="catalogue-lieu" name="lieu" type="text" defaultValue={query.lieu ?? ""} maxLength={120} />
          </div>
        </div>
        <div className="fr-col-6 fr-col-md-3">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="catalogue-heures-min">
              Effort minimum (heures)
            </label>
            <input className="fr-input" id="catalogue-heures-min" name="heuresMin" type="number" min={0} max={400} inputMode="numeric" defaultValue={query.heuresMin ?? ""} />
          </div>
        </div>
        <div className="fr-col-6 fr-col-md-3">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="catalogue-heures-max">
              Effort maximum (heures)
            </label>
            <input className="fr-input" id="catalogue-heures-max" name="heuresMax" type="number" min={0} max={400} inputMode="numeric" defaultValue={query.heuresMax ?? ""} />
          </div>
        </div>
        <div className="fr-col-6 fr-col-md-3">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="catalogue-du">
              Disponible à partir de
              <span className="fr-hint-text">Mois (aaaa-mm)</span>
            </label>
            <input className="fr-input" id="catalogue-du" name="du" type="month" defaultValue={query.du ?? ""} />
          </div>
        </div>
        <div className="fr-col-6 fr-col-md-3">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="catalogue-au">
              Jusqu&apos;à
              <span className="fr-hint-text">Mois (aaaa-mm)</span>
            </label>
            <input className="fr-input" id="catalogue-au" name="au" type="month" defaultValue={query.au ?? ""} />
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="catalogue-tri">
              Trier par
            </label>
            <select className="fr-select" id="catalogue-tri" name="tri" defaultValue={query.tri ?? ""}>
              <option value="">Par défaut (pertinence ou plus récentes)</option>
              {CATALOGUE_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {CATALOGUE_SORT_LABELS[sort]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-3 fr-grid-row fr-grid-row--bottom">
          <ul className="fr-btns-group fr-btns-group--inline">
            <li>
              <button type="submit" className="fr-btn">
                Filtrer
              </button>
            </li>
            <li>
              <Link href="/missions" className="fr-btn fr-btn--tertiary">
                Réinitialiser
              </Link>
            </li>
          </ul>
        </div>
      </div>
    </form>
  );
}

import { FilterActions, FilterInput, FilterSelect, optionsOf } from "@/components/filters/filter-fields";
import type { ContributorsQuery } from "../schemas";

/** The period and ministry as a plain GET form: the URL is the shareable view, even without JavaScript. */
export function ContributorsFilters({ query, ministries }: { query: ContributorsQuery; ministries: string[] }) {
  return (
    <form method="get" action="/dinum/contributeurs" role="search" aria-label="Filtrer les contributeurs" className="fr-mb-4w">
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-3">
          <FilterInput id="contributeurs-du" label="Heures confirmées à partir du" name="du" type="date" defaultValue={query.du ?? ""} />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <FilterInput id="contributeurs-au" label="jusqu’au (inclus)" name="au" type="date" defaultValue={query.au ?? ""} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <FilterSelect
            id="contributeurs-ministere"
            label="Ministère de l’agent"
            name="ministere"
            defaultValue={query.ministere}
            allLabel="Tous les ministères"
            options={optionsOf(ministries)}
          />
        </div>
        <div className="fr-col-12 fr-col-md-2">
          <FilterActions resetHref="/dinum/contributeurs" resetLabel="Effacer" groupClassName="fr-btns-group fr-btns-group--inline fr-btns-group--sm" />
        </div>
      </div>
    </form>
  );
}

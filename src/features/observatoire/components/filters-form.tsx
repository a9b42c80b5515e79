import { FilterActions, FilterInput, FilterSelect, optionsOf } from "@/components/filters/filter-fields";
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
          <FilterInput id="observatoire-du" label="Du" hint="Premier jour inclus" type="date" name="du" defaultValue={filters.from ?? ""} />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <FilterInput id="observatoire-au" label="Au" hint="Dernier jour inclus" type="date" name="au" defaultValue={filters.to ?? ""} />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <FilterSelect
            id="observatoire-ministere"
            label="Ministère"
            hint="Des missions ; pour l'offre, des agents"
            name="ministere"
            defaultValue={filters.ministry}
            allLabel="Tous les ministères"
            options={optionsOf(ministries)}
          />
        </div>
        <div className="fr-fieldset__element">
          <FilterActions
            resetHref="/dinum/observatoire"
            submitLabel="Appliquer les filtres"
            groupClassName="fr-btns-group fr-btns-group--inline-md"
            resetClassName="fr-btn fr-btn--secondary"
          />
        </div>
      </fieldset>
    </form>
  );
}

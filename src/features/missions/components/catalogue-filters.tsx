import { FilterActions, FilterInput, FilterSelect, optionsOf } from "@/components/filters/filter-fields";
import { FiltersDisclosure } from "@/components/filters/filters-disclosure";
import { WORK_MODES, WORK_MODE_LABELS } from "../schemas";
import { CATALOGUE_SORTS, CATALOGUE_SORT_LABELS, type CatalogueQuery } from "../search-params";

/**
 * The catalogue's filters as a plain GET form: the resulting URL is the shareable view,
 * and it works before JavaScript loads.
 */
export function CatalogueFilters({ query, families }: { query: CatalogueQuery; families: { id: string; label: string }[] }) {
  const month = "Mois (aaaa-mm)";
  const active = [query.famille, query.mode, query.lieu, query.heuresMin, query.heuresMax, query.du, query.au, query.tri].filter(
    (value) => value !== undefined && value !== null && value !== "",
  ).length;
  return (
    <form method="get" action="/missions" role="search" aria-label="Rechercher et filtrer les missions" className="fr-mb-4w">
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <FilterInput
            id="catalogue-q"
            label="Rechercher"
            hint="Mots du titre, de la description ou des compétences : accents, fautes de frappe, synonymes et sigles (RGPD, SIG…) sont compris."
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            maxLength={200}
          />
        </div>
      </div>
      <FiltersDisclosure summary="Plus de filtres et tri" active={active}>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <FilterSelect
            id="catalogue-famille"
            label="Famille de compétences"
            name="famille"
            defaultValue={query.famille}
            allLabel="Toutes les familles"
            options={families.map((family) => ({ value: family.id, label: family.label }))}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <FilterSelect id="catalogue-mode" label="Modalité" name="mode" defaultValue={query.mode} allLabel="Toutes" options={optionsOf(WORK_MODES, WORK_MODE_LABELS)} />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <FilterInput id="catalogue-lieu" label="Lieu" hint="Mots entiers, par exemple « Saint-Brieuc » ou « Lyon »." name="lieu" type="text" defaultValue={query.lieu ?? ""} maxLength={120} />
        </div>
        <div className="fr-col-6 fr-col-md-3">
          <FilterInput
            id="catalogue-heures-min"
            label="Effort minimum (heures)"
            name="heuresMin"
            type="number"
            min={0}
            max={400}
            inputMode="numeric"
            defaultValue={query.heuresMin ?? ""}
          />
        </div>
        <div className="fr-col-6 fr-col-md-3">
          <FilterInput
            id="catalogue-heures-max"
            label="Effort maximum (heures)"
            name="heuresMax"
            type="number"
            min={0}
            max={400}
            inputMode="numeric"
            defaultValue={query.heuresMax ?? ""}
          />
        </div>
        <div className="fr-col-6 fr-col-md-3">
          <FilterInput id="catalogue-du" label="Disponible à partir de" hint={month} name="du" type="month" defaultValue={query.du ?? ""} />
        </div>
        <div className="fr-col-6 fr-col-md-3">
          <FilterInput id="catalogue-au" label="Jusqu'à" hint={month} name="au" type="month" defaultValue={query.au ?? ""} />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <FilterSelect
            id="catalogue-tri"
            label="Trier par"
            name="tri"
            defaultValue={query.tri}
            allLabel="Par défaut (pertinence ou plus récentes)"
            options={optionsOf(CATALOGUE_SORTS, CATALOGUE_SORT_LABELS)}
          />
        </div>
      </div>
      </FiltersDisclosure>
      <FilterActions resetHref="/missions" />
    </form>
  );
}

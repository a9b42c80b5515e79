import type { Metadata } from "next";
import { FilterActions, FilterInput, FilterSelect, optionsOf } from "@/components/filters/filter-fields";
import { MissionsTable } from "@/features/missions/components/missions-table";
import { PaginationLinks } from "@/features/missions/components/pagination-links";
import { hrefWith, isAdministrationId, parseDinumMissionsQuery, type RawSearchParams } from "@/features/missions/search-params";
import { administrationName, listAllMissions } from "@/features/missions/service";
import { MISSION_STATES, MISSION_STATE_LABELS } from "@/features/missions/transitions";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Toutes les missions" };

export default async function DinumMissionsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePageUser("dinum");
  const query = parseDinumMissionsQuery(await searchParams);
  // The administration is a search field, not a list of every administration (a few hundred
  // options were most of the page's HTML); an id in the address (a link) shows as its name.
  const [result, namedAdministration] = await Promise.all([
    listAllMissions(db(), user, query),
    query.administration && isAdministrationId(query.administration) ? administrationName(db(), user, query.administration) : null,
  ]);
  const pageCount = Math.max(1, Math.ceil(result.total / result.pageSize));
  return (
    <>
      <h1>Toutes les missions</h1>
      <form method="get" action="/dinum/missions" role="search" aria-label="Filtrer les missions" className="fr-mb-4w">
        <input type="hidden" name="tri" value={query.tri} />
        <input type="hidden" name="ordre" value={query.ordre} />
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-4">
            <FilterInput id="missions-q" label="Titre ou administration" name="q" type="search" defaultValue={query.q ?? ""} maxLength={200} />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <FilterSelect
              id="missions-etat"
              label="État"
              name="etat"
              defaultValue={query.etat}
              allLabel="Tous les états"
              options={optionsOf(MISSION_STATES, MISSION_STATE_LABELS)}
            />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <FilterInput
              id="missions-administration"
              label="Administration"
              hint="Tout ou partie du nom"
              name="administration"
              type="search"
              defaultValue={namedAdministration ?? query.administration ?? ""}
              maxLength={200}
            />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <FilterSelect
              id="missions-liste"
              label="Liste au demandeur"
              name="liste"
              defaultValue={query.liste}
              allLabel="Toutes les missions"
              options={[{ value: "a_envoyer", label: "À envoyer (accords reçus)" }]}
            />
          </div>
          <div className="fr-col-12 fr-col-md-2">
            <FilterActions resetHref="/dinum/missions" />
          </div>
        </div>
      </form>
      <p role="status">
        {result.total} mission{result.total > 1 ? "s" : ""}
        {pageCount > 1 ? ` — page ${result.page} sur ${pageCount}` : ""}
      </p>
      {result.rows.length ? <MissionsTable rows={result.rows} sort={query.tri} order={query.ordre} /> : <p>Aucune mission ne correspond à ces critères.</p>}
      <PaginationLinks page={result.page} pageCount={pageCount} hrefFor={(page) => hrefWith("/dinum/missions", query, { page })} />
    </>
  );
}

import type { Metadata } from "next";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { ConceptsTable } from "@/features/referentiel/components/concepts-table";
import { ReferentielTabs } from "@/features/referentiel/components/referentiel-tabs";
import { conceptListQuerySchema } from "@/features/referentiel/schemas";
import { listConcepts } from "@/features/referentiel/service";
import { conceptListHref } from "@/features/referentiel/urls";
import { FAMILLES } from "@/lib/matching/referentiel/familles";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Référentiel des compétences" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ReferentielPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser("dinum");
  const params = await searchParams;
  const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const query = conceptListQuerySchema.parse({
    q: single(params.q),
    famille: single(params.famille),
    tri: single(params.tri),
    ordre: single(params.ordre),
    page: single(params.page),
  });
  const result = await listConcepts(db(), user, query);
  const shownQuery = { ...query, page: result.page };

  return (
    <>
      <h1>Référentiel des compétences</h1>
      <p className="fr-text--lead">
        Les concepts qui relient les compétences des agents aux besoins des missions, quelle que soit la façon de les écrire.
      </p>
      <ReferentielTabs current="concepts" />

      <form method="get" action="/dinum/referentiel" role="search" aria-label="Filtrer les concepts" className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w">
        <div className="fr-col-12 fr-col-md-5">
          <div className="fr-input-group fr-mb-0">
            <label className="fr-label" htmlFor="referentiel-recherche">
              Rechercher
              <span className="fr-hint-text">Libellé, synonyme, sigle ou terme anglais</span>
            </label>
            <input className="fr-input" id="referentiel-recherche" name="q" type="search" defaultValue={query.q} maxLength={100} />
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <div className="fr-select-group fr-mb-0">
            <label className="fr-label" htmlFor="referentiel-famille">
              Famille
            </label>
            <select className="fr-select" id="referentiel-famille" name="famille" defaultValue={query.famille}>
              <option value="">Toutes les familles</option>
              {FAMILLES.map((family) => (
                <option key={family.id} value={family.id}>
                  {family.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        {query.tri !== "label" ? <input type="hidden" name="tri" value={query.tri} /> : null}
        {query.ordre !== "asc" ? <input type="hidden" name="ordre" value={query.ordre} /> : null}
        <div className="fr-col-12 fr-col-md-3">
          <button type="submit" className="fr-btn">
            Filtrer
          </button>
        </div>
      </form>

      <p role="status" className="fr-text--sm">
        {result.total === 0
          ? "Aucun concept trouvé."
          : `${result.total} concept${result.total > 1 ? "s" : ""}, page ${result.page} sur ${result.pageCount}.`}
      </p>
      <ConceptsTable rows={result.rows} query={shownQuery} total={result.total} />
      {result.pageCount > 1 ? (
        <Pagination
          className="fr-mt-3w"
          count={result.pageCount}
          defaultPage={result.page}
          showFirstLast
          getPageLinkProps={(page) => ({ href: conceptListHref({ ...shownQuery, page }) })}
        />
      ) : null}
    </>
  );
}

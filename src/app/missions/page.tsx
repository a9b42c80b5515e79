import type { Metadata } from "next";
import { CatalogueFilters } from "@/features/missions/components/catalogue-filters";
import { CatalogueList } from "@/features/missions/components/catalogue-list";
import { PaginationLinks } from "@/features/missions/components/pagination-links";
import { hrefWith, parseCatalogueQuery, type RawSearchParams } from "@/features/missions/search-params";
import { searchCatalogue } from "@/features/missions/service";
import { FAMILLES } from "@/lib/matching";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Catalogue des missions" };

// Trades outside digital skills are in the référentiel only to avoid false matches.
const CATALOGUE_FAMILIES = FAMILLES.filter((family) => family.id !== "hors-numerique").map(({ id, label }) => ({ id, label }));

export default async function CataloguePage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requirePageUser();
  const query = parseCatalogueQuery(await searchParams);
  const result = await searchCatalogue(db(), query);
  const pageCount = Math.max(1, Math.ceil(result.total / result.pageSize));
  return (
    <>
      <h1>Catalogue des missions</h1>
      <p className="fr-text--lead">Des administrations cherchent vos compétences pour des missions courtes. Trouvez celle qui vous correspond.</p>
      <CatalogueFilters query={query} families={CATALOGUE_FAMILIES} />
      <p role="status" className="fr-text--bold">
        {result.total === 0
          ? "Aucune mission publiée ne correspond à ces critères."
          : `${result.total} mission${result.total > 1 ? "s" : ""} publiée${result.total > 1 ? "s" : ""}${pageCount > 1 ? ` — page ${result.page} sur ${pageCount}` : ""}`}
      </p>
      {result.reading && (result.reading.concepts.length > 0 || result.reading.corrections.length > 0) ? (
        <p className="fr-text--sm" data-testid="lecture-recherche">
          {result.reading.corrections.length > 0
            ? `Recherche lue avec ${result.reading.corrections.map((correction) => `« ${correction.to} » pour « ${correction.from} »`).join(", ")}. `
            : ""}
          {result.reading.concepts.length > 0
            ? `Compétences reconnues, avec leurs synonymes : ${result.reading.concepts.map((concept) => concept.label).join(", ")}.`
            : ""}
        </p>
      ) : null}
      <CatalogueList items={result.items} />
      <PaginationLinks page={result.page} pageCount={pageCount} hrefFor={(page) => hrefWith("/missions", query, { page })} />
    </>
  );
}

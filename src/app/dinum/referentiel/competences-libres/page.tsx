import type { Metadata } from "next";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { FreeTagsTable, type FreeTagView } from "@/features/referentiel/components/free-tags-table";
import { ReferentielTabs } from "@/features/referentiel/components/referentiel-tabs";
import { closeConcepts, listAllConceptLabels, listFreeTags } from "@/features/referentiel/service";
import { FREE_TAGS_HREF } from "@/features/referentiel/urls";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { pageParam } from "@/features/missions/search-params";

export const metadata: Metadata = { title: "Compétences libres à rattacher au référentiel" };

export default async function FreeTagsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requirePageUser("dinum");
  const page = pageParam((await searchParams).page);
  const [freeTags, concepts] = await Promise.all([listFreeTags(db(), user, page), listAllConceptLabels(db(), user)]);
  const close = await closeConcepts(db(), user, freeTags.rows.map((tag) => tag.label));
  const rows: FreeTagView[] = freeTags.rows.map((tag, index) => ({
    ...tag,
    suggestedFamily: close[index]![0]?.family ?? "",
    closeConcepts: close[index]!.map((suggestion) => ({ id: suggestion.conceptId, label: suggestion.label })),
  }));
  return (
    <>
      <h1>Compétences libres</h1>
      <p className="fr-text--lead">
        Les compétences saisies par les agents et les administrations que le référentiel ne connaît pas encore. Rattachez-les pour
        qu’elles comptent dans l’appariement.
      </p>
      <ReferentielTabs current="libres" />
      <p role="status" className="fr-text--sm">
        {freeTags.total === 0 ? "" : `${freeTags.total} compétence${freeTags.total > 1 ? "s" : ""} libre${freeTags.total > 1 ? "s" : ""}, page ${freeTags.page} sur ${freeTags.pageCount}.`}
      </p>
      <FreeTagsTable rows={rows} concepts={concepts.map(({ id, label }) => ({ id, label }))} />
      {freeTags.pageCount > 1 ? (
        <Pagination
          className="fr-mt-3w"
          count={freeTags.pageCount}
          defaultPage={freeTags.page}
          showFirstLast
          getPageLinkProps={(target) => ({ href: target === 1 ? FREE_TAGS_HREF : `${FREE_TAGS_HREF}?page=${target}` })}
        />
      ) : null}
    </>
  );
}

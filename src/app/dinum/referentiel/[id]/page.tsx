import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { ConceptForm } from "@/features/referentiel/components/concept-form";
import { getConcept } from "@/features/referentiel/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { NotFoundError } from "@/server/errors";
import { formatDateTime } from "@/lib/format-fr";

export const metadata: Metadata = { title: "Concept du référentiel" };

export default async function ConceptPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ cree?: string }> }) {
  const user = await requirePageUser("dinum");
  const { id } = await params;
  const { cree } = await searchParams;
  const concept = await getConcept(db(), user, decodeURIComponent(id)).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <>
      <Breadcrumb
        currentPageLabel={concept.label}
        segments={[
          { label: "Espace DINUM", linkProps: { href: "/dinum" } },
          { label: "Référentiel", linkProps: { href: "/dinum/referentiel" } },
        ]}
      />
      <h1>{concept.label}</h1>
      <p>
        Famille : {concept.familyLabel}. Dernière modification le{" "}
        {formatDateTime(concept.updatedAt)}.
      </p>
      <div className="fr-col-12 fr-col-md-8">
        <ConceptForm
          key={concept.updatedAt}
          conceptId={concept.id}
          created={cree === "1"}
          initialValues={{
            label: concept.label,
            family: concept.family,
            synonyms: concept.synonyms.join("\n"),
            acronyms: concept.acronyms.join("\n"),
            english: concept.english.join("\n"),
          }}
        />
      </div>
    </>
  );
}

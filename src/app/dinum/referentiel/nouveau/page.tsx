import type { Metadata } from "next";
import { ConceptForm } from "@/features/referentiel/components/concept-form";
import { ReferentielTabs } from "@/features/referentiel/components/referentiel-tabs";
import { requirePageUser } from "@/server/auth/roles";

export const metadata: Metadata = { title: "Nouveau concept du référentiel" };

export default async function NewConceptPage() {
  await requirePageUser("dinum");
  return (
    <>
      <h1>Nouveau concept</h1>
      <ReferentielTabs current="nouveau" />
      <div className="fr-col-12 fr-col-md-8">
        <ConceptForm initialValues={{ label: "", family: "", synonyms: "", acronyms: "", english: "" }} />
      </div>
    </>
  );
}

import type { Metadata } from "next";
import { ContributorsFilters } from "@/features/reconnaissance/components/contributors-filters";
import { ContributorsInvitation } from "@/features/reconnaissance/components/contributors-invitation";
import { parseContributorsQuery, type ContributorsQuery, type RawSearchParams } from "@/features/reconnaissance/schemas";
import { listMinistries, topContributors } from "@/features/reconnaissance/service";
import { describePeriod } from "@/lib/period";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Meilleurs contributeurs" };

function periodLabel(query: ContributorsQuery): string {
  const period = describePeriod(query);
  return query.ministere ? `${period}, ${query.ministere}` : period;
}

/** The export of the ranking shown, with the same filters. */
function csvHref(query: ContributorsQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  return `/api/contributeurs?${params}`;
}

export default async function ContributorsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePageUser("dinum");
  const query = parseContributorsQuery(await searchParams);
  const [contributors, ministries] = await Promise.all([topContributors(db(), user, query), listMinistries(db(), user)]);
  return (
    <>
      <h1>Meilleurs contributeurs</h1>
      <p className="fr-text--lead">
        Les agents qui ont partagé le plus d’heures confirmées par les administrations d’accueil. Remerciez-les en les invitant à un événement.
      </p>
      <ContributorsFilters query={query} ministries={ministries} />
      {contributors.length === 0 ? (
        <p>Aucune heure confirmée sur cette période{query.ministere ? " pour ce ministère" : ""}.</p>
      ) : (
        <>
          <ContributorsInvitation contributors={contributors} periodLabel={periodLabel(query)} />
          <p className="fr-mt-3w">
            <a className="fr-link fr-icon-download-line fr-link--icon-left" href={csvHref(query)} download>
              Télécharger ce classement en CSV
            </a>
          </p>
        </>
      )}
    </>
  );
}

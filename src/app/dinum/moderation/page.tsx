import type { Metadata } from "next";
import Link from "next/link";
import { PaginationLinks } from "@/features/missions/components/pagination-links";
import { TableFrame } from "@/components/table/table-frame";
import { formatDate, formatDay, formatHours } from "@/features/missions/format";
import { plural } from "@/lib/format-fr";
import { listModerationQueue } from "@/features/missions/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { pageParam } from "@/features/missions/search-params";

export const metadata: Metadata = { title: "Modération des missions" };

export default async function ModerationQueuePage({ searchParams }: { searchParams: Promise<{ publiee?: string; renvoyee?: string; page?: string }> }) {
  const user = await requirePageUser("dinum");
  const { publiee, renvoyee, page } = await searchParams;
  const result = await listModerationQueue(db(), user, pageParam(page));
  const queue = result.rows;
  return (
    <>
      <h1>Modération des missions</h1>
      {publiee ? (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-4w" role="status">
          <p>
            Mission publiée : les agents la voient dans le catalogue. <Link href={`/missions/${publiee}`}>Voir la mission</Link>
          </p>
        </div>
      ) : null}
      {renvoyee ? (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-4w" role="status">
          <p>Mission renvoyée au demandeur avec votre commentaire.</p>
        </div>
      ) : null}
      <p className="fr-text--lead">Missions soumises, les plus anciennes d&apos;abord.</p>
      {result.total === 0 ? (
        <p>Aucune mission n&apos;attend de modération.</p>
      ) : (
        <>
          <TableFrame label="Missions à modérer" className="fr-table--bordered">
                <table>
                  <caption>
                    {plural(result.total, "mission", "missions")} à modérer
                    {result.pageCount > 1 ? `, page ${result.page} sur ${result.pageCount}` : ""}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Mission</th>
                      <th scope="col">Administration</th>
                      <th scope="col">Soumise le</th>
                      <th scope="col">Effort</th>
                      <th scope="col">Date limite</th>
                    </tr>
                  </thead>
                  <tbody>
                    {queue.map((mission) => (
                      <tr key={mission.id}>
                        <td>
                          <Link href={`/dinum/moderation/${mission.id}`}>{mission.title}</Link>
                          {mission.returnedBefore ? <p className="fr-badge fr-badge--sm fr-badge--warning fr-ml-1w">Soumise à nouveau</p> : null}
                        </td>
                        <td>{mission.administrationName}</td>
                        <td>{formatDate(mission.submittedAt)}</td>
                        <td>{formatHours(mission.totalHours)}</td>
                        <td>{formatDay(mission.staffingDeadline)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
          </TableFrame>
          <PaginationLinks page={result.page} pageCount={result.pageCount} hrefFor={(target) => (target === 1 ? "/dinum/moderation" : `/dinum/moderation?page=${target}`)} />
        </>
      )}
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { WithdrawButton } from "@/features/candidatures/components/withdraw-button";
import { listMyApplications } from "@/features/candidatures/service";
import { MissionStateBadge } from "@/features/missions/components/mission-state-badge";
import { formatDate } from "@/features/missions/format";
import { isMissionState } from "@/features/missions/transitions";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { TableFrame } from "@/components/table/table-frame";

export const metadata: Metadata = { title: "Mes candidatures" };

export default async function MyApplicationsPage() {
  const user = await requirePageUser("agent");
  const applications = await listMyApplications(db(), user);
  return (
    <>
      <h1>Mes candidatures</h1>
      {applications.length === 0 ? (
        <p>
          Vous n&apos;avez candidaté à aucune mission. <Link href="/missions">Parcourir le catalogue des missions</Link>
        </p>
      ) : (
        <TableFrame label="Mes candidatures aux missions" className="fr-table--bordered">
                <table>
                  <caption>Mes candidatures aux missions</caption>
                  <thead>
                    <tr>
                      <th scope="col">Mission</th>
                      <th scope="col">Action</th>
                      <th scope="col">Ma candidature</th>
                      <th scope="col">État de la mission</th>
                      <th scope="col">Administration</th>
                    </tr>
                  </thead>
                  <tbody>
                    {applications.map((application) => (
                      <tr key={application.id}>
                        <td>
                          <Link href={`/missions/${application.missionId}`}>{application.missionTitle}</Link>
                        </td>
                        <td>
                          {application.state === "active" ? (
                            <WithdrawButton applicationId={application.id} missionTitle={application.missionTitle} />
                          ) : null}
                        </td>
                        <td>
                          {application.state === "active"
                            ? `Envoyée le ${formatDate(application.createdAt)}`
                            : `Retirée le ${formatDate(application.withdrawnAt)}`}
                        </td>
                        <td>{isMissionState(application.missionState) ? <MissionStateBadge state={application.missionState} /> : null}</td>
                        <td>{application.administrationName}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
</TableFrame>
      )}
    </>
  );
}

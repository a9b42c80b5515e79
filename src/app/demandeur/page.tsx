import type { Metadata } from "next";
import Link from "next/link";
import { MissionStateBadge } from "@/features/missions/components/mission-state-badge";
import { formatDateTime } from "@/features/missions/format";
import { listAdministrationMissions } from "@/features/missions/service";
import { isEditable } from "@/features/missions/transitions";
import { hasRole, requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Espace demandeur" };

export default async function DemandeurHomePage({ searchParams }: { searchParams: Promise<{ soumise?: string }> }) {
  const user = await requirePageUser();
  const { soumise } = await searchParams;
  const missions = await listAdministrationMissions(db(), user);
  const mayEdit = hasRole(user, "demandeur");
  return (
    <>
      <h1>Espace demandeur</h1>
      <p className="fr-text--lead">
        Bonjour {user.givenName}. {user.administrationName ? `Les missions de ${user.administrationName}.` : ""}
      </p>
      {soumise ? (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-4w" role="status">
          <p>Votre mission est envoyée à l&apos;équipe Mission Talents de la DINUM. Vous serez prévenu(e) de sa décision ici.</p>
        </div>
      ) : null}
      {user.administrationId ? (
        <Link className="fr-btn fr-btn--icon-left fr-icon-add-line fr-mb-4w" href="/demandeur/missions/nouvelle">
          Déposer une mission
        </Link>
      ) : (
        <div className="fr-alert fr-alert--info fr-mb-4w">
          <p>
            Pour déposer une mission, indiquez d&apos;abord votre administration dans <Link href="/compte">Mon compte</Link>.
          </p>
        </div>
      )}
      <h2>Missions de mon administration</h2>
      {missions.length === 0 ? (
        <p>Aucune mission pour l&apos;instant.</p>
      ) : (
        <div className="fr-table fr-table--no-caption">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>Missions de mon administration</caption>
                  <thead>
                    <tr>
                      <th scope="col">Mission</th>
                      <th scope="col">État</th>
                      <th scope="col">Commentaire de la DINUM</th>
                      <th scope="col">Candidatures</th>
                      <th scope="col">Mise à jour</th>
                      <th scope="col">Action</th>
                    </tr>
                  </thead>
                  <tbody>
                    {missions.map((mission) => (
                      <tr key={mission.id}>
                        <td>
                          <Link href={`/missions/${mission.id}`}>{mission.title}</Link>
                        </td>
                        <td>
                          <MissionStateBadge state={mission.state} />
                        </td>
                        <td style={{ whiteSpace: "pre-line" }}>{mission.state === "a_modifier" ? mission.moderationComment : ""}</td>
                        <td>{mission.applications}</td>
                        <td>{formatDateTime(mission.updatedAt)}</td>
                        <td>
                          {mayEdit && isEditable(mission.state) ? (
                            <Link className="fr-btn fr-btn--sm fr-btn--secondary" href={`/demandeur/missions/${mission.id}/modifier`}>
                              {mission.state === "a_modifier" ? "Modifier et soumettre à nouveau" : "Reprendre le brouillon"}
                              <span className="fr-sr-only"> « {mission.title} »</span>
                            </Link>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { MissionStateBadge } from "@/features/missions/components/mission-state-badge";
import { formatDate, plural } from "@/lib/format-fr";
import { demandeurToDoOfRequest } from "@/features/a-faire/service";
import { listAdministrationMissions } from "@/features/missions/service";
import { isEditable } from "@/features/missions/transitions";
import { hasRole, requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { TableFrame } from "@/components/table/table-frame";
import { PaginationLinks } from "@/features/missions/components/pagination-links";
import { pageParam } from "@/features/missions/search-params";

export const metadata: Metadata = { title: "Espace demandeur" };

export default async function DemandeurHomePage({ searchParams }: { searchParams: Promise<{ soumise?: string; page?: string }> }) {
  const user = await requirePageUser();
  const { soumise, page } = await searchParams;
  const [list, todo] = await Promise.all([
    listAdministrationMissions(db(), user, pageParam(page)),
    demandeurToDoOfRequest(db(), user),
  ]);
  const missions = list.rows;
  const mayEdit = hasRole(user, "demandeur");
  const toChoose = new Map(todo.toChoose.map((item) => [item.missionId, item.candidates]));
  const hoursWaiting = new Set(todo.hoursToConfirm.map((item) => item.missionId));
  const tasks = todo.toChoose.length + todo.hoursToConfirm.length + todo.toEdit.length;
  return (
    <>
      <h1>Espace demandeur</h1>
      <p className="fr-text--lead">
        Bonjour {user.givenName}. {user.administrationName ? `Les missions de ${user.administrationName}.` : ""}
      </p>
      {soumise ? (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-4w" role="status">
          <p>Votre mission est envoyée à l&apos;équipe Mission Talents de la DINUM. Sa décision vous sera signalée ici et par une notification.</p>
        </div>
      ) : null}
      <section aria-labelledby="a-faire" className="fr-mb-6w">
        <h2 id="a-faire">À faire</h2>
        {tasks === 0 ? (
          <p>Rien n&apos;attend votre décision pour l&apos;instant.</p>
        ) : (
          <>
            {todo.toChoose.length ? (
              <>
                <h3 className="fr-h6 fr-mb-1w">Candidats à choisir</h3>
                <ul>
                  {todo.toChoose.map((item) => (
                    <li key={item.missionId}>
                      <Link href={`/demandeur/missions/${item.missionId}/candidats`}>
                        Choisir parmi {plural(item.candidates, "candidat", "candidats")} pour « {item.missionTitle} »
                      </Link>{" "}
                      (liste reçue le {formatDate(item.listSentAt)})
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {todo.hoursToConfirm.length ? (
              <>
                <h3 className="fr-h6 fr-mb-1w">Heures à confirmer</h3>
                <ul>
                  {todo.hoursToConfirm.map((item) => (
                    <li key={item.candidateId}>
                      <Link href={`/demandeur/missions/${item.missionId}/candidats`}>
                        Confirmer les {plural(item.declaredHours ?? 0, "heure", "heures")} de {item.agentName} pour « {item.missionTitle} »
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {todo.toEdit.length ? (
              <>
                <h3 className="fr-h6 fr-mb-1w">Missions à modifier</h3>
                <ul>
                  {todo.toEdit.map((item) => (
                    <li key={item.missionId}>
                      <Link href={`/demandeur/missions/${item.missionId}/modifier`}>Modifier « {item.missionTitle} »</Link>
                      {item.comment ? <> : « {item.comment} »</> : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        )}
      </section>
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
      {list.total === 0 ? (
        <p>Aucune mission pour l&apos;instant. Déposez la première : l&apos;équipe Mission Talents la relit avant de la publier.</p>
      ) : (
        <>
          <p role="status" className="fr-text--sm">
            {plural(list.total, "mission", "missions")}, les plus récemment mises à jour d&apos;abord
            {list.pageCount > 1 ? `, page ${list.page} sur ${list.pageCount}` : ""}.
          </p>
          <TableFrame label="Missions de mon administration" className="fr-table--no-caption fr-table--bordered">
            <table>
              <caption>Missions de mon administration</caption>
              <thead>
                <tr>
                  <th scope="col">Mission</th>
                  <th scope="col">Action</th>
                  <th scope="col">État</th>
                  <th scope="col">Candidatures spontanées</th>
                  <th scope="col">Mise à jour</th>
                </tr>
              </thead>
              <tbody>
                {missions.map((mission) => (
                  <tr key={mission.id}>
                    <td>
                      <Link href={`/missions/${mission.id}`}>{mission.title}</Link>
                      {mission.state === "a_modifier" && mission.moderationComment ? (
                        <p className="fr-text--xs fr-mb-0" style={{ whiteSpace: "pre-line" }}>
                          Commentaire de la DINUM : {mission.moderationComment}
                        </p>
                      ) : null}
                    </td>
                    <td>
                      {mayEdit && isEditable(mission.state) ? (
                        <Link className="fr-btn fr-btn--sm fr-btn--secondary" href={`/demandeur/missions/${mission.id}/modifier`}>
                          {mission.state === "a_modifier" ? "Modifier et soumettre à nouveau" : "Reprendre le brouillon"}
                          <span className="fr-sr-only"> « {mission.title} »</span>
                        </Link>
                      ) : toChoose.has(mission.id) ? (
                        <Link className="fr-btn fr-btn--sm" href={`/demandeur/missions/${mission.id}/candidats`}>
                          Choisir parmi {plural(toChoose.get(mission.id) ?? 0, "candidat", "candidats")}
                          <span className="fr-sr-only"> pour « {mission.title} »</span>
                        </Link>
                      ) : hoursWaiting.has(mission.id) ? (
                        <Link className="fr-btn fr-btn--sm" href={`/demandeur/missions/${mission.id}/candidats`}>
                          Confirmer les heures<span className="fr-sr-only"> de « {mission.title} »</span>
                        </Link>
                      ) : mission.state === "en_cours" || mission.state === "terminee" ? (
                        <Link className="fr-btn fr-btn--sm fr-btn--secondary" href={`/demandeur/missions/${mission.id}/candidats`}>
                          Agents retenus<span className="fr-sr-only"> pour « {mission.title} »</span>
                        </Link>
                      ) : null}
                    </td>
                    <td>
                      <MissionStateBadge state={mission.state} />
                    </td>
                    <td>{mission.applications}</td>
                    <td>{formatDate(mission.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
          <PaginationLinks page={list.page} pageCount={list.pageCount} hrefFor={(target) => (target === 1 ? "/demandeur" : `/demandeur?page=${target}`)} />
        </>
      )}
    </>
  );
}

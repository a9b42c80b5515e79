import type { Metadata } from "next";
import { ReasonList } from "@/components/matching/reason-list";
import Link from "next/link";
import { CallOut } from "@codegouvfr/react-dsfr/CallOut";
import { agentToDo } from "@/features/a-faire/service";
import { missionsForAgent } from "@/features/appariement/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { formatDate, plural } from "@/lib/format-fr";

export const metadata: Metadata = { title: "Espace agent" };

const WORK_MODES: Record<string, string> = { distance: "À distance", sur_site: "Sur site", mixte: "Mixte" };

export default async function AgentHomePage() {
  const user = await requirePageUser("agent");
  const [suggestions, todo] = await Promise.all([missionsForAgent(db(), user), agentToDo(db(), user)]);
  const tasks = todo.proposals.length + todo.hours.length;
  return (
    <>
      <h1>Espace agent</h1>
      <p className="fr-text--lead">
        Bonjour {user.givenName}. {tasks === 0 ? "Rien n'attend votre réponse." : `${plural(tasks, "chose attend", "choses attendent")} votre réponse.`}
      </p>
      <section aria-labelledby="a-faire" className="fr-mb-6w">
        <h2 id="a-faire">À faire</h2>
        {tasks === 0 ? (
          <p>Aucune proposition à examiner ni heure à déclarer pour l&apos;instant.</p>
        ) : (
          <ul>
            {todo.proposals.map((item) => (
              <li key={item.candidateId}>
                <Link href={`/agent/propositions#proposition-${item.candidateId}`}>Répondre à la proposition « {item.missionTitle} »</Link>, de{" "}
                {item.administration}
              </li>
            ))}
            {todo.hours.map((item) => (
              <li key={item.candidateId}>
                <Link href={`/agent/propositions#proposition-${item.candidateId}`}>
                  {item.hoursState === "corrigees" ? "Accepter les heures corrigées" : "Déclarer mes heures"} pour « {item.missionTitle} »
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      {suggestions === null ? (
        <CallOut
          title="Décrivez vos talents"
          buttonProps={{ linkProps: { href: "/agent/profil" }, children: "Compléter mon profil" }}
        >
          Indiquez vos compétences, vos disponibilités et votre manager : les missions qui vous correspondent
          apparaîtront ici.
        </CallOut>
      ) : (
        <section aria-labelledby="missions-pour-moi">
          <h2 id="missions-pour-moi">Missions pour moi</h2>
          {suggestions.length === 0 ? (
            <p>
              Aucune mission publiée pour l&apos;instant. <Link href="/missions">Parcourir le catalogue</Link>
            </p>
          ) : (
            <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
              {suggestions.map((mission) => (
                <li key={mission.missionId} className="fr-col-12 fr-col-md-6">
                  <div className="fr-card fr-enlarge-link">
                    <div className="fr-card__body">
                      <div className="fr-card__content">
                        <h3 className="fr-card__title">
                          <Link href={`/missions/${mission.missionId}`}>{mission.title}</Link>
                        </h3>
                        <div className="fr-card__desc">
                          <ReasonList reasons={mission.reasons.slice(0, 2)} />
                        </div>
                        <div className="fr-card__start">
                          <p className="fr-card__detail">{mission.administration}</p>
                        </div>
                        <div className="fr-card__end">
                          <p className="fr-card__detail">
                            {mission.totalHours ? `${mission.totalHours} h` : "Effort à préciser"} ·{" "}
                            {WORK_MODES[mission.workMode] ?? mission.workMode}
                            {mission.place ? ` · ${mission.place}` : ""}
                            {mission.staffingDeadline
                              ? ` · à pourvoir avant le ${formatDate(mission.staffingDeadline)}`
                              : ""}
                          </p>
                        </div>
                      </div>
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <p className="fr-mt-4w">
        Vous avez vous-même un besoin ? <Link href="/demandeur/missions/nouvelle">Déposer une mission</Link>
      </p>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { agentToDo } from "@/features/a-faire/service";
import { MissionsPourMoi } from "@/features/appariement/components/missions-pour-moi";
import { missionsForAgent } from "@/features/appariement/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { plural } from "@/lib/format-fr";

export const metadata: Metadata = { title: "Espace agent" };

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
      <MissionsPourMoi result={suggestions} />
      <p className="fr-mt-4w">
        Vous avez vous-même un besoin ? <Link href="/demandeur/missions/nouvelle">Déposer une mission</Link>
      </p>
    </>
  );
}

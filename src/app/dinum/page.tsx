import type { Metadata } from "next";
import Link from "next/link";
import { matchingEngineBuild, type EngineBuild } from "@/features/appariement/engine-store";
import { countMissionsByState } from "@/features/missions/service";
import { MISSION_STATES, MISSION_STATE_LABELS } from "@/features/missions/transitions";
import { dinumTaskCount, dinumToDo } from "@/features/a-faire/service";
import { formatDate, formatDateTime, formatNumber, plural } from "@/lib/format-fr";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Espace DINUM" };

/** What this server instance says of its matching index (each instance builds its own), in plain French. */
function engineStatus(build: EngineBuild | null): string {
  if (!build) return "L'index n'est pas encore construit sur ce serveur : il le sera à la première recherche d'agents.";
  const base = `Index de ${plural(build.profiles, "profil", "profils")} construit le ${formatDateTime(build.at)} en ${formatNumber(build.milliseconds)} ms`;
  if (build.fallback) return `${base}, par le processus du serveur lui-même : les processus d'appoint n'ont pas pu démarrer (${build.fallback}).`;
  if (build.workersStarted === 0) return `${base}, par le processus du serveur lui-même.`;
  return `${base}, avec l'aide de ${plural(build.workersStarted, "processus d'appoint", "processus d'appoint")} (${plural(build.batchesOnWorkers, "lot analysé", "lots analysés")} par eux sur ${build.batches}).`;
}

export default async function DinumHomePage() {
  const user = await requirePageUser("dinum");
  const [counts, queue] = await Promise.all([countMissionsByState(db(), user), dinumToDo(db(), user)]);
  const tasks = dinumTaskCount(queue.counts);
  return (
    <>
      <h1>Espace DINUM</h1>
      <p className="fr-text--lead">
        Bonjour {user.givenName}. {tasks === 0 ? "La file est vide." : `${plural(tasks, "sujet attend", "sujets attendent")} l'équipe.`}
      </p>
      <section aria-labelledby="file" className="fr-mb-6w">
        <h2 id="file">À traiter</h2>
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <h3 className="fr-h6 fr-mb-1w">Missions à modérer ({queue.counts.toModerate})</h3>
            {queue.counts.toModerate === 0 ? (
              <p className="fr-text--sm">Aucune mission n&apos;attend de modération.</p>
            ) : (
              <ul className="fr-text--sm">
                {queue.toModerate.map((item) => (
                  <li key={item.missionId}>
                    <Link href={`/dinum/moderation/${item.missionId}`}>{item.missionTitle}</Link>, soumise le {formatDate(item.submittedAt)}
                  </li>
                ))}
              </ul>
            )}
            <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/dinum/moderation">
              {queue.counts.toModerate > queue.toModerate.length
                ? `Voir les ${formatNumber(queue.counts.toModerate)} missions à modérer`
                : "File de modération"}
            </Link>
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <h3 className="fr-h6 fr-mb-1w">Listes à envoyer ({queue.counts.listsToSend})</h3>
            {queue.counts.listsToSend === 0 ? (
              <p className="fr-text--sm">Aucun accord de manager reçu qui ne soit déjà transmis au demandeur.</p>
            ) : (
              <ul className="fr-text--sm">
                {queue.listsToSend.map((item) => (
                  <li key={item.missionId}>
                    <Link href={`/missions/${item.missionId}`}>{item.missionTitle}</Link>
                    {item.listSentAt ? `, nouveaux accords depuis l'envoi du ${formatDate(item.listSentAt)}` : ", liste jamais envoyée"}
                  </li>
                ))}
              </ul>
            )}
            {queue.counts.listsToSend > queue.listsToSend.length ? (
              <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/dinum/missions?liste=a_envoyer">
                {`Voir les ${formatNumber(queue.counts.listsToSend)} listes à envoyer`}
              </Link>
            ) : null}
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <h3 className="fr-h6 fr-mb-1w">Accords en retard ou bientôt expirés ({queue.counts.consents})</h3>
            {queue.counts.consents === 0 ? (
              <p className="fr-text--sm">Aucun accord de manager en retard.</p>
            ) : (
              <ul className="fr-text--sm">
                {queue.consents.map((item) => (
                  <li key={item.candidateId}>
                    {item.agentName}, « {item.missionTitle} » : {item.expired ? `lien expiré le ${formatDate(item.expiresAt)}` : `expire le ${formatDate(item.expiresAt)}`}
                    {item.remindedAt ? ", relancé" : ""}
                  </li>
                ))}
              </ul>
            )}
            {queue.counts.consents > queue.consents.length ? (
              <p className="fr-mb-1w">
                <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/dinum/consentements?filtre=urgents">
                  {`Voir les ${formatNumber(queue.counts.consents)} accords en retard ou bientôt expirés`}
                </Link>
              </p>
            ) : null}
            <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/dinum/consentements">
              Accords en attente
            </Link>
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <h3 className="fr-h6 fr-mb-1w">Courriels en échec ({queue.failingEmails})</h3>
            <p className="fr-text--sm">
              {queue.failingEmails === 0
                ? "Aucun courriel en échec."
                : `${plural(queue.failingEmails, "courriel n'a pas pu partir", "courriels n'ont pas pu partir")} après plusieurs essais.`}
            </p>
            <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/dinum/courriels?statut=echec">
              Courriels en échec
            </Link>
          </div>
        </div>
      </section>
      <h2>Missions par état</h2>
      <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
        {MISSION_STATES.map((state) => (
          <li key={state} className="fr-col-6 fr-col-md-3">
            <div className="fr-tile fr-enlarge-link">
              <div className="fr-tile__body">
                <div className="fr-tile__content">
                  <h3 className="fr-tile__title">
                    <Link href={`/dinum/missions?etat=${state}`}>{MISSION_STATE_LABELS[state]}</Link>
                  </h3>
                  <p className="fr-tile__detail fr-h4 fr-mb-0">{counts[state]}</p>
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <p className="fr-mt-4w">
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/dinum/missions">
          Toutes les missions
        </Link>
      </p>
      <h2 className="fr-mt-6w">Moteur d&apos;appariement</h2>
      <p data-testid="etat-moteur">{engineStatus(matchingEngineBuild(user))}</p>
    </>
  );
}

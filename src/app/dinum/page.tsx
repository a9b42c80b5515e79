import type { Metadata } from "next";
import Link from "next/link";
import { matchingEngineBuild, type EngineBuild } from "@/features/appariement/engine-store";
import { countMissionsByState } from "@/features/missions/service";
import { MISSION_STATES, MISSION_STATE_LABELS } from "@/features/missions/transitions";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Espace DINUM" };

const timeFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "medium", timeZone: "Europe/Paris" });
const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;

/** What this server instance says of its matching index (each instance builds its own). */
function engineStatus(build: EngineBuild | null): string {
  if (!build) return "L'index n'est pas encore construit sur ce serveur : il le sera à la première recherche d'agents.";
  const base = `Index de ${plural(build.profiles, "profil")} construit le ${timeFormat.format(build.at)} en ${build.milliseconds} ms`;
  if (build.fallback) return `${base}, sur le thread principal : les threads de travail n'ont pas pu démarrer (${build.fallback}).`;
  if (build.workersStarted === 0) return `${base}, sur le thread principal.`;
  return `${base}, avec ${plural(build.workersStarted, "thread")} de travail démarré${build.workersStarted > 1 ? "s" : ""} (${plural(build.batchesOnWorkers, "lot")} analysé${build.batchesOnWorkers > 1 ? "s" : ""} par eux sur ${build.batches}).`;
}

export default async function DinumHomePage() {
  const user = await requirePageUser("dinum");
  const counts = await countMissionsByState(db(), user);
  const waiting = counts.soumise;
  return (
    <>
      <h1>Espace DINUM</h1>
      <p className="fr-text--lead">Bonjour {user.givenName}.</p>
      <div className="fr-callout fr-mb-4w">
        <h2 className="fr-callout__title fr-h4">Modération</h2>
        <p className="fr-callout__text">
          {waiting === 0
            ? "Aucune mission n'attend de modération."
            : `${waiting} mission${waiting > 1 ? "s attendent" : " attend"} votre décision.`}
        </p>
        <Link className="fr-btn" href="/dinum/moderation">
          Ouvrir la file de modération
        </Link>
      </div>
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

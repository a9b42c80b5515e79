import type { Metadata } from "next";
import { ReasonList } from "@/components/matching/reason-list";
import Link from "next/link";
import { CallOut } from "@codegouvfr/react-dsfr/CallOut";
import { MatchingIndexPreparingError } from "@/features/appariement/engine-store";
import { missionsForAgent } from "@/features/appariement/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Espace agent" };

const WORK_MODES: Record<string, string> = { distance: "À distance", sur_site: "Sur site", mixte: "Mixte" };

export default async function AgentHomePage() {
  const user = await requirePageUser("agent");
  let preparing = false;
  const suggestions = await missionsForAgent(db(), user, 10, { waitForIndex: false }).catch((error: unknown) => {
    if (!(error instanceof MatchingIndexPreparingError)) throw error;
    preparing = true;
    return [];
  });
  return (
    <>
      <h1>Espace agent</h1>
      <p className="fr-text--lead">Bonjour {user.givenName}.</p>
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
          {preparing ? (
            <p role="status">
              Le classement se prépare : vos missions apparaîtront dans quelques instants. <Link href="/missions">Parcourir le catalogue</Link>
            </p>
          ) : suggestions.length === 0 ? (
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
                              ? ` · à pourvoir avant le ${new Date(mission.staffingDeadline).toLocaleDateString("fr-FR")}`
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

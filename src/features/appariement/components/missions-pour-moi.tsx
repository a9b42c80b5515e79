import Link from "next/link";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { CallOut } from "@codegouvfr/react-dsfr/CallOut";
import { ReasonList } from "@/components/matching/reason-list";
import { FIT_LABELS } from "@/lib/matching/fit";
import { formatDate } from "@/lib/format-fr";
import type { MissionsForAgent } from "../service";

const WORK_MODES: Record<string, string> = { distance: "À distance", sur_site: "Sur site", mixte: "Mixte" };

/** « Missions pour moi »: good and possible fits, best first, each with why; advice when none fits. */
export function MissionsPourMoi({ result }: { result: MissionsForAgent | null }) {
  if (result === null) {
    return (
      <CallOut title="Décrivez vos talents" buttonProps={{ linkProps: { href: "/agent/profil" }, children: "Compléter mon profil" }}>
        Indiquez vos compétences, vos disponibilités et votre manager : les missions qui vous correspondent apparaîtront ici.
      </CallOut>
    );
  }
  return (
    <section aria-labelledby="missions-pour-moi">
      <h2 id="missions-pour-moi">Missions pour moi</h2>
      {result.preparing ? (
        <p role="status">Le classement se prépare : ce serveur vient de démarrer. Revenez dans un instant pour voir les missions qui vous correspondent.</p>
      ) : result.missions.length === 0 ? (
        result.publishedCount === 0 ? (
          <p>
            Aucune mission publiée pour l&apos;instant. <Link href="/missions">Parcourir le catalogue</Link>
          </p>
        ) : (
          <div className="fr-callout" data-testid="aucune-mission-pour-moi">
            <h3 className="fr-callout__title">Aucune mission ne correspond encore à votre profil</h3>
            <p className="fr-callout__text">
              Parmi les {result.publishedCount} mission{result.publishedCount > 1 ? "s" : ""} publiée{result.publishedCount > 1 ? "s" : ""}, aucune ne
              correspond assez à ce que votre profil décrit. Pour en voir apparaître ici :
            </p>
            <ul>
              {result.advice.map((advice) => (
                <li key={advice}>{advice}</li>
              ))}
            </ul>
            <p className="fr-mt-2w">
              <Link className="fr-btn" href="/agent/profil">
                Compléter mon profil
              </Link>{" "}
              <Link className="fr-btn fr-btn--secondary" href="/missions">
                Parcourir le catalogue
              </Link>
            </p>
          </div>
        )
      ) : (
        <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
          {result.missions.map((mission) => (
            <li key={mission.missionId} className="fr-col-12 fr-col-md-6">
              <div className="fr-card fr-enlarge-link">
                <div className="fr-card__body">
                  <div className="fr-card__content">
                    <h3 className="fr-card__title">
                      <Link href={`/missions/${mission.missionId}`}>{mission.title}</Link>
                    </h3>
                    <p className="fr-card__desc">{mission.explanation}</p>
                    <ReasonList reasons={mission.reasons} />
                    <div className="fr-card__start">
                      <ul className="fr-badges-group">
                        <li>
                          <Badge severity={mission.fit === "bon" ? "success" : "info"} small noIcon>
                            {FIT_LABELS[mission.fit]}
                          </Badge>
                        </li>
                      </ul>
                      <p className="fr-card__detail">{mission.administration}</p>
                    </div>
                    <div className="fr-card__end">
                      <p className="fr-card__detail">
                        {mission.totalHours ? `${mission.totalHours} h` : "Effort à préciser"} · {WORK_MODES[mission.workMode] ?? mission.workMode}
                        {mission.place ? ` · ${mission.place}` : ""}
                        {mission.staffingDeadline ? ` · à pourvoir avant le ${formatDate(mission.staffingDeadline)}` : ""}
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
  );
}

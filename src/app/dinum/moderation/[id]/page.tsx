import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArchiveMissionForm } from "@/features/missions/components/archive-mission-form";
import { MissionStateBadge } from "@/features/missions/components/mission-state-badge";
import { MissionSummary } from "@/features/missions/components/mission-summary";
import { ModerationPanel } from "@/features/missions/components/moderation-panel";
import { formatDateTime } from "@/features/missions/format";
import { getMissionForViewer, listMissionDecisions } from "@/features/missions/service";
import { z } from "@/lib/zod-fr";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { NotFoundError } from "@/server/errors";

export const metadata: Metadata = { title: "Modérer une mission" };

const DECISION_LABELS: Record<string, string> = {
  "mission.soumise": "Soumise par le demandeur",
  "mission.renvoyee_pour_modification": "Renvoyée pour modification",
  "mission.publiee": "Publiée",
  "mission.archivee": "Archivée",
};

export default async function ModerationReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("dinum");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const { mission, permissions } = await getMissionForViewer(db(), user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const decisions = await listMissionDecisions(db(), user, mission.id);
  return (
    <>
      <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" href="/dinum/moderation">
              Modération
            </Link>
          </li>
          <li>
            <a className="fr-breadcrumb__link" aria-current="page">
              {mission.title}
            </a>
          </li>
        </ol>
      </nav>
      <h1>{mission.title}</h1>
      <p className="fr-text--lead fr-mb-2w">{mission.administrationName}</p>
      <div className="fr-mb-4w">
        <MissionStateBadge state={mission.state} small={false} />
      </div>
      {mission.state === "soumise" ? (
        <>
          {mission.moderationComment ? (
            <div className="fr-callout fr-mb-4w">
              <h2 className="fr-callout__title fr-h5">Commentaire de la modération précédente</h2>
              <p className="fr-callout__text" style={{ whiteSpace: "pre-line" }}>
                {mission.moderationComment}
              </p>
            </div>
          ) : null}
          <ModerationPanel missionId={mission.id} />
        </>
      ) : (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-4w">
          <p>
            Cette mission n&apos;attend pas de modération. <Link href={`/missions/${mission.id}`}>Voir la page de la mission</Link>
          </p>
        </div>
      )}
      <MissionSummary mission={mission} />
      <section aria-labelledby="historique-titre" className="fr-mt-6w">
        <h2 id="historique-titre">Historique des décisions</h2>
        {decisions.length === 0 ? (
          <p>Aucune décision enregistrée.</p>
        ) : (
          <ul>
            {decisions.map((decision, index) => (
              <li key={index}>
                {formatDateTime(decision.at)} — {DECISION_LABELS[decision.action] ?? decision.action} par {decision.actorLabel}
                {decision.reason ? ` : « ${decision.reason} »` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      {permissions.mayArchive ? (
        <section aria-label="Archiver" className="fr-mt-4w">
          <ArchiveMissionForm missionId={mission.id} redirectTo="/dinum/missions" />
        </section>
      ) : null}
    </>
  );
}

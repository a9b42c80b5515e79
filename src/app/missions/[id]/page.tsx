import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SuggestionsPanel } from "@/features/appariement/components/suggestions-panel";
import { SendListPanel } from "@/features/selection/components/send-list-panel";
import { ApplyForm } from "@/features/candidatures/components/apply-form";
import { MissionApplications } from "@/features/candidatures/components/mission-applications";
import { WithdrawButton } from "@/features/candidatures/components/withdraw-button";
import { findMyActiveApplication, listMissionApplications } from "@/features/candidatures/service";
import { ArchiveMissionForm } from "@/features/missions/components/archive-mission-form";
import { MissionStateBadge } from "@/features/missions/components/mission-state-badge";
import { MissionSummary } from "@/features/missions/components/mission-summary";
import { formatDateTime } from "@/features/missions/format";
import { getMissionForViewer } from "@/features/missions/service";
import { z } from "@/lib/zod-fr";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { NotFoundError } from "@/server/errors";

export const metadata: Metadata = { title: "Mission" };

export default async function MissionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const viewed = await getMissionForViewer(db(), user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { mission, permissions } = viewed;
  const myApplication = permissions.mayApply ? await findMyActiveApplication(db(), user, mission.id) : null;
  const applications = permissions.maySeeApplications ? await listMissionApplications(db(), user, mission.id) : null;
  const showsState = permissions.isMember || permissions.isDinum || mission.state !== "publiee";

  return (
    <>
      <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" href="/missions">
              Catalogue des missions
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
      {showsState ? (
        <div className="fr-mb-3w">
          <MissionStateBadge state={mission.state} small={false} />
        </div>
      ) : null}

      {mission.state === "a_modifier" && mission.moderationComment && (permissions.isMember || permissions.isDinum) ? (
        <div className="fr-callout fr-callout--orange-terre-battue fr-mb-4w">
          <h2 className="fr-callout__title fr-h5">Modifications demandées par la DINUM</h2>
          <p className="fr-callout__text" style={{ whiteSpace: "pre-line" }}>
            {mission.moderationComment}
          </p>
        </div>
      ) : null}

      <ul className="fr-btns-group fr-btns-group--inline-md fr-mb-4w">
        {permissions.mayEdit ? (
          <li>
            <Link className="fr-btn" href={`/demandeur/missions/${mission.id}/modifier`}>
              Modifier la mission
            </Link>
          </li>
        ) : null}
        {permissions.isDinum && mission.state === "soumise" ? (
          <li>
            <Link className="fr-btn" href={`/dinum/moderation/${mission.id}`}>
              Modérer cette mission
            </Link>
          </li>
        ) : null}
      </ul>

      <MissionSummary mission={mission} />

      {mission.state === "publiee" && permissions.mayApply ? (
        <section aria-labelledby="se-positionner" className="fr-mt-6w fr-col-12 fr-col-md-8">
          <h2 id="se-positionner">Se positionner</h2>
          {myApplication ? (
            <>
              <p>
                Votre candidature à cette mission est envoyée depuis le {formatDateTime(myApplication.createdAt)}. L&apos;équipe
                Mission Talents et l&apos;administration qui la propose voient votre message.
              </p>
              <p className="fr-p-2w fr-background-alt--grey" style={{ whiteSpace: "pre-line" }}>
                {myApplication.message}
              </p>
              <WithdrawButton applicationId={myApplication.id} missionTitle={mission.title} />
            </>
          ) : (
            <ApplyForm missionId={mission.id} />
          )}
        </section>
      ) : null}

      {applications ? <MissionApplications applications={applications} /> : null}

      {permissions.mayArchive ? (
        <section aria-label="Archiver" className="fr-mt-6w">
          <ArchiveMissionForm missionId={mission.id} redirectTo={permissions.isDinum ? "/dinum/missions" : "/demandeur"} />
        </section>
      ) : null}

      {permissions.isDinum ? <SuggestionsPanel missionId={mission.id} /> : null}
      {permissions.isDinum && ["publiee", "en_cours", "terminee"].includes(mission.state) ? <SendListPanel missionId={mission.id} /> : null}
      {permissions.maySeeApplications && !permissions.isDinum && (mission.listSentAt || mission.state === "en_cours" || mission.state === "terminee") ? (
        <p className="fr-mt-4w">
          <Link className="fr-btn" href={`/demandeur/missions/${mission.id}/candidats`}>
            Voir les candidats et suivre la mission
          </Link>
        </p>
      ) : null}
    </>
  );
}

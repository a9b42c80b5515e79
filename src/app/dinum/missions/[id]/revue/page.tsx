import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MissionStateBadge } from "@/features/missions/components/mission-state-badge";
import { isMissionState } from "@/features/missions/transitions";
import { AddAgentForm } from "@/features/revue/components/add-agent-form";
import { ReviewTable } from "@/features/revue/components/review-table";
import { getReview } from "@/features/revue/service";
import { z } from "@/lib/zod-fr";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { NotFoundError } from "@/server/errors";

export const metadata: Metadata = { title: "Examiner et proposer" };

export default async function MissionReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("dinum");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const review = await getReview(db(), user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { mission } = review;

  return (
    <>
      <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" href="/dinum/missions">
              Toutes les missions
            </Link>
          </li>
          <li>
            <Link className="fr-breadcrumb__link" href={`/missions/${mission.id}`}>
              {mission.title}
            </Link>
          </li>
          <li>
            <a className="fr-breadcrumb__link" aria-current="page">
              Examiner et proposer
            </a>
          </li>
        </ol>
      </nav>
      <h1>Examiner et proposer</h1>
      <p className="fr-text--lead fr-mb-1w">{mission.title}</p>
      <p className="fr-mb-2w">{mission.administration ?? "Administration non renseignée"}</p>
      {isMissionState(mission.state) ? (
        <div className="fr-mb-3w">
          <MissionStateBadge state={mission.state} small={false} />
        </div>
      ) : null}

      {review.editable ? (
        <p>
          Les suggestions du moteur et les candidatures spontanées sont réunies dans une seule liste. Épinglez, excluez,
          déplacez ou ajoutez un agent en donnant chaque fois la raison, gardée dans le journal d&apos;audit ; le rang du
          moteur reste affiché à côté du rang final. Cochez ensuite les agents à qui proposer la mission.
        </p>
      ) : (
        <div className="fr-callout fr-mb-4w">
          <p className="fr-callout__text">
            Cette mission n&apos;est pas publiée : la liste est affichée telle qu&apos;elle a été examinée et ne se modifie plus.
          </p>
        </div>
      )}

      {review.candidates.length ? (
        <ReviewTable missionId={mission.id} editable={review.editable} candidates={review.candidates} />
      ) : (
        <p>Aucun agent suggéré ni candidature pour l&apos;instant. Ajoutez un agent à la main ci-dessous.</p>
      )}

      {review.editable ? <AddAgentForm missionId={mission.id} /> : null}
    </>
  );
}

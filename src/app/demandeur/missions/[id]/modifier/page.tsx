import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { MissionForm } from "@/features/missions/components/mission-form";
import { getMissionForEdit, toFormValues } from "@/features/missions/service";
import { MISSION_STATE_LABELS, isEditable } from "@/features/missions/transitions";
import { z } from "@/lib/zod-fr";
import { AuthorizationError, requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { NotFoundError } from "@/server/errors";

export const metadata: Metadata = { title: "Modifier une mission" };

export default async function EditMissionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const mission = await getMissionForEdit(db(), user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof AuthorizationError) redirect("/acces-refuse");
    throw error;
  });
  return (
    <>
      <h1>Modifier la mission</h1>
      {mission.state === "a_modifier" && mission.moderationComment ? (
        <div className="fr-callout fr-callout--orange-terre-battue fr-mb-4w">
          <h2 className="fr-callout__title fr-h5">Modifications demandées par la DINUM</h2>
          <p className="fr-callout__text" style={{ whiteSpace: "pre-line" }}>
            {mission.moderationComment}
          </p>
        </div>
      ) : null}
      {isEditable(mission.state) ? (
        <div className="fr-col-12 fr-col-lg-10">
          <MissionForm initialValues={toFormValues(mission)} />
        </div>
      ) : (
        <div className="fr-alert fr-alert--info">
          <p>
            Cette mission est à l&apos;état « {MISSION_STATE_LABELS[mission.state]} » : elle ne peut plus être modifiée.{" "}
            <Link href={`/missions/${mission.id}`}>Voir la mission</Link>
          </p>
        </div>
      )}
    </>
  );
}

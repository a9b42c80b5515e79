import type { Metadata } from "next";
import Link from "next/link";
import { MissionForm } from "@/features/missions/components/mission-form";
import { EMPTY_MISSION } from "@/features/missions/schemas";
import { requirePageUser } from "@/server/auth/roles";

export const metadata: Metadata = { title: "Déposer une mission" };

export default async function NewMissionPage() {
  const user = await requirePageUser();
  return (
    <>
      <h1>Déposer une mission</h1>
      {user.administrationId ? (
        <>
          <p className="fr-text--lead">
            Pour {user.administrationName}. Enregistrez un brouillon à tout moment ; soumettez la mission quand elle est
            complète : l&apos;équipe Mission Talents de la DINUM la relira avant de la publier.
          </p>
          <div className="fr-col-12 fr-col-lg-10">
            <MissionForm initialValues={EMPTY_MISSION} />
          </div>
        </>
      ) : (
        <div className="fr-alert fr-alert--info">
          <p>
            Votre administration n&apos;est pas connue : indiquez-la dans <Link href="/compte">Mon compte</Link>, puis revenez
            déposer votre mission.
          </p>
        </div>
      )}
    </>
  );
}

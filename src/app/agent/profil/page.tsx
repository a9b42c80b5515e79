import type { Metadata } from "next";
import Link from "next/link";
import { MissionAlertForm } from "@/features/alertes/components/mission-alert-form";
import { getMissionAlert } from "@/features/alertes/service";
import { ProfileForm } from "@/features/profils/components/profile-form";
import { getProfile } from "@/features/profils/service";
import { MyBadges } from "@/features/reconnaissance/components/my-badges";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { formatDateTime } from "@/lib/format-fr";

export const metadata: Metadata = { title: "Mon profil" };


export default async function AgentProfilePage() {
  const user = await requirePageUser("agent");
  const [profile, alert] = await Promise.all([getProfile(db(), user, user.id), getMissionAlert(db(), user)]);
  return (
    <>
      <h1>Mon profil</h1>
      <p className="fr-text--lead">
        Décrivez vos compétences et vos disponibilités : elles servent à vous proposer des missions qui vous correspondent.
      </p>
      <p className="fr-text--sm">
        {profile.updatedAt
          ? `Dernier enregistrement le ${formatDateTime(profile.updatedAt)}.`
          : "Votre profil n’est pas encore enregistré."}
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-8">
          <ProfileForm initialValues={profile.values} />
        </div>
        <aside className="fr-col-12 fr-col-lg-4" aria-labelledby="profil-administration profil-alerte">
          <div className="fr-p-3w" style={{ backgroundColor: "var(--background-alt-grey)" }}>
            <h2 className="fr-h5" id="profil-administration">
              Mon administration
            </h2>
            <p className="fr-text--sm">
              {user.administrationName
                ? `Actuellement : ${user.administrationName}.`
                : "ProConnect n’a pas indiqué votre administration."}
            </p>
            <p className="fr-text--sm">
              Elle vient de ProConnect. Si elle est erronée, <Link href="/compte">demandez une correction</Link> à
              l’équipe DINUM.
            </p>
          </div>
          <div className="fr-p-3w fr-mt-3w" style={{ backgroundColor: "var(--background-alt-grey)" }}>
            <h2 className="fr-h5" id="profil-alerte">
              Alerte des nouvelles missions
            </h2>
            <MissionAlertForm active={alert.active} />
          </div>
        </aside>
      </div>
      <MyBadges user={user} />
    </>
  );
}

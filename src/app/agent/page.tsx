import type { Metadata } from "next";
import Link from "next/link";
import { MissionsPourMoi } from "@/features/appariement/components/missions-pour-moi";
import { missionsForAgent } from "@/features/appariement/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Espace agent" };

export default async function AgentHomePage() {
  const user = await requirePageUser("agent");
  const suggestions = await missionsForAgent(db(), user);
  return (
    <>
      <h1>Espace agent</h1>
      <p className="fr-text--lead">Bonjour {user.givenName}.</p>
      <MissionsPourMoi result={suggestions} />
      <p className="fr-mt-4w">
        Vous avez vous-même un besoin ? <Link href="/demandeur/missions/nouvelle">Déposer une mission</Link>
      </p>
    </>
  );
}

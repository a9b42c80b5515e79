import type { Metadata } from "next";
import { requirePageUser } from "@/server/auth/roles";

export const metadata: Metadata = { title: "Espace demandeur" };

export default async function DemandeurHomePage() {
  const user = await requirePageUser("demandeur");
  return (
    <>
      <h1>Espace demandeur</h1>
      <p className="fr-text--lead">Bonjour {user.givenName}.</p>
    </>
  );
}

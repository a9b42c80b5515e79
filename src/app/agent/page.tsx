import type { Metadata } from "next";
import { requirePageUser } from "@/server/auth/roles";

export const metadata: Metadata = { title: "Espace agent" };

export default async function AgentHomePage() {
  const user = await requirePageUser("agent");
  return (
    <>
      <h1>Espace agent</h1>
      <p className="fr-text--lead">Bonjour {user.givenName}.</p>
    </>
  );
}

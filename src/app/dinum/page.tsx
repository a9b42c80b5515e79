import type { Metadata } from "next";
import { requirePageUser } from "@/server/auth/roles";

export const metadata: Metadata = { title: "Espace DINUM" };

export default async function DinumHomePage() {
  const user = await requirePageUser("dinum");
  return (
    <>
      <h1>Espace DINUM</h1>
      <p className="fr-text--lead">Bonjour {user.givenName}.</p>
    </>
  );
}

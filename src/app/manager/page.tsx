import type { Metadata } from "next";
import { requirePageUser } from "@/server/auth/roles";

export const metadata: Metadata = { title: "Espace manager" };

export default async function ManagerHomePage() {
  const user = await requirePageUser("manager");
  return (
    <>
      <h1>Espace manager</h1>
      <p className="fr-text--lead">Bonjour {user.givenName}.</p>
    </>
  );
}

import type { Metadata } from "next";

export const metadata: Metadata = { title: "Données personnelles" };

export default function DonneesPersonnellesPage() {
  return (
    <>
      <h1>Données personnelles</h1>
      <p>{"Les données de votre profil servent uniquement à vous proposer des missions. Elles ne sont transmises à une administration demandeuse qu'après l'accord de votre manager. Vous pouvez les télécharger ou les supprimer depuis votre compte."}</p>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { DataSummary } from "@/features/donnees/components/data-summary";
import { exportPersonalData } from "@/features/donnees/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Mes données personnelles" };

export default async function MyDataPage() {
  const user = await requirePageUser();
  // Always the session's person: the page takes no identifier.
  const data = await exportPersonalData(db(), user);
  return (
    <>
      <h1>Mes données personnelles</h1>
      <p>
        Voici tout ce que le service conserve sur vous. Le même contenu se télécharge dans un fichier JSON, lisible par un autre
        logiciel (droit d&apos;accès et droit à la portabilité).
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mb-5w">
        <li>
          <a className="fr-btn fr-icon-download-line fr-btn--icon-left" href="/compte/donnees/telechargement" download>
            Télécharger mes données (JSON)
          </a>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" href="/compte/suppression">
            Supprimer mon compte
          </Link>
        </li>
      </ul>
      <DataSummary data={data} />
      <p className="fr-text--sm">
        Pour corriger une donnée, modifiez votre profil ou écrivez au délégué à la protection des données (voir{" "}
        <Link href="/donnees-personnelles">Données personnelles</Link>).
      </p>
    </>
  );
}

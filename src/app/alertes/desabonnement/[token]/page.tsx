import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@codegouvfr/react-dsfr/Alert";

export const metadata: Metadata = { title: "Se désabonner de l'alerte de missions" };

/**
 * The unsubscribe link of a digest. It changes nothing by itself (mail scanners open links):
 * one button does, without login.
 */
export default async function UnsubscribePage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ resultat?: string }>;
}) {
  const { token } = await params;
  const { resultat } = await searchParams;
  return (
    <>
      <h1>Alerte des nouvelles missions</h1>
      {resultat === "desabonne" ? (
        <Alert
          severity="success"
          title="Vous êtes désabonné"
          description={
            <>
              Vous ne recevrez plus l&apos;alerte des nouvelles missions. Vous pouvez la réactiver à tout moment depuis{" "}
              <Link href="/agent/profil">votre profil</Link>.
            </>
          }
        />
      ) : resultat === "inconnu" ? (
        <Alert severity="error" title="Lien inconnu" description="Ce lien de désabonnement n'est pas valide. Vous pouvez arrêter l'alerte depuis votre profil." />
      ) : (
        <form method="post" action={`/api/alertes/desabonnement/${encodeURIComponent(token)}`}>
          <input type="hidden" name="depuis" value="page" />
          <p>Vous recevez chaque semaine les nouvelles missions qui correspondent à votre profil. Voulez-vous arrêter cette alerte ?</p>
          <button type="submit" className="fr-btn">
            Me désabonner
          </button>
        </form>
      )}
    </>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ProConnectButton } from "@codegouvfr/react-dsfr/ProConnectButton";
import { currentUser } from "@/server/auth/roles";
import { proConnectSettings } from "@/server/env";
import { safeInternalPath } from "@/lib/safe-redirect";
import { loginErrorMessage } from "@/features/identite/login-errors";

export const metadata: Metadata = { title: "Connexion" };

export default async function ConnexionPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  // Never back to the login page itself, which would loop.
  const asked = safeInternalPath(callbackUrl, "/");
  const target = asked.startsWith("/connexion") ? "/" : asked;
  if (await currentUser()) redirect(target);
  const settings = proConnectSettings();
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Se connecter</h1>
        {error ? (
          <Alert severity="error" title="La connexion n'a pas abouti" description={loginErrorMessage(error)} className="fr-mb-4w" />
        ) : null}
        {settings.configured ? (
          <>
            <p>
              Agents publics, demandeurs et équipe DINUM se connectent avec ProConnect, l&apos;identifiant des
              professionnels de l&apos;administration.
            </p>
            <ProConnectButton url={`/connexion/proconnect?callbackUrl=${encodeURIComponent(target)}`} />
          </>
        ) : (
          <Alert severity="warning" title="Connexion indisponible" description={settings.problem} />
        )}
        <p className="fr-text--sm fr-mt-4w">
          Vous êtes manager et avez reçu une demande d&apos;accord par courriel ? Suivez son lien : il vous fera vous
          connecter avec ProConnect, qui prouve que c&apos;est bien vous qui répondez.
        </p>
      </div>
    </div>
  );
}

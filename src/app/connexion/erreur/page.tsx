import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { loginErrorMessage } from "@/features/identite/login-errors";

export const metadata: Metadata = { title: "Erreur de connexion" };

export default async function LoginErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8">
        <h1>La connexion n&apos;a pas abouti</h1>
        <Alert severity="error" title="Connexion impossible" description={loginErrorMessage(error)} />
        <p className="fr-mt-4w">
          <Link className="fr-btn" href="/connexion">
            Réessayer de se connecter
          </Link>
        </p>
      </div>
    </div>
  );
}

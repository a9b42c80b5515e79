import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RetryEmailButton } from "@/features/courriels/components/retry-email-button";
import { EMAIL_STATUSES, getEmail, type EmailStatus } from "@/features/courriels/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { NotFoundError } from "@/server/errors";

export const metadata: Metadata = { title: "Courriel" };

export default async function EmailPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("dinum");
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const email = await getEmail(db(), user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <>
      <p>
        <Link href="/dinum/courriels">← Tous les courriels</Link>
      </p>
      <h1>{email.subject}</h1>
      <dl className="fr-mb-3w">
        <dt className="fr-text--bold">Destinataire</dt>
        <dd>{email.toAddress}</dd>
        <dt className="fr-text--bold">Statut</dt>
        <dd>
          {EMAIL_STATUSES[email.status as EmailStatus] ?? email.status} — {email.attempts} essai{email.attempts > 1 ? "s" : ""}
          {email.lastError ? ` — dernière erreur : ${email.lastError}` : ""}
        </dd>
      </dl>
      {email.status === "echec" ? <RetryEmailButton emailId={email.id} /> : null}
      <h2 className="fr-h5 fr-mt-3w">Contenu (version texte)</h2>
      <pre className="fr-p-2w" style={{ whiteSpace: "pre-wrap", background: "var(--background-alt-grey)" }}>
        {email.textBody}
      </pre>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { ResendConsentForm } from "@/features/consentements/components/resend-consent-form";
import { listPendingConsents } from "@/features/consentements/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { formatDate } from "@/lib/format-fr";

export const metadata: Metadata = { title: "Accords des managers en attente" };

const format = (value: Date) => formatDate(value);

export default async function PendingConsentsPage() {
  const user = await requirePageUser("dinum");
  const pending = await listPendingConsents(db(), user);
  return (
    <>
      <h1>Accords des managers en attente</h1>
      {pending.length === 0 ? (
        <p>Aucun accord en attente.</p>
      ) : (
        <ul className="fr-raw-list">
          {pending.map((row) => (
            <li key={row.candidateId} className="fr-mb-4w fr-p-3w" style={{ border: "1px solid var(--border-default-grey)" }}>
              <h2 className="fr-h6 fr-mb-1w">
                {row.agentGivenName} {row.agentUsualName} — <Link href={`/missions/${row.missionId}`}>{row.missionTitle}</Link>
              </h2>
              <p className="fr-mb-2w">
                Manager : {row.managerName || "nom non renseigné"} ({row.managerEmail}) · envoyé le {format(row.sentAt)}
                {row.remindedAt ? ` · relancé le ${format(row.remindedAt)}` : ""} ·{" "}
                {row.expired ? <strong>lien expiré</strong> : `expire le ${format(row.expiresAt)}`}
              </p>
              <ResendConsentForm candidateId={row.candidateId} managerEmail={row.managerEmail} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

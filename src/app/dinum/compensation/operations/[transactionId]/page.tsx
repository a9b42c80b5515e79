import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "@/lib/zod-fr";
import { formatSignedCredits } from "@/features/compensation/amounts";
import { ReversalForm } from "@/features/compensation/components/reversal-form";
import { LEDGER_KINDS } from "@/features/compensation/constants";
import { getTransaction } from "@/features/compensation/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { NotFoundError } from "@/server/errors";
import { formatDateTime } from "@/lib/format-fr";

export const metadata: Metadata = { title: "Corriger une opération" };


export default async function TransactionPage({
  params,
  searchParams,
}: {
  params: Promise<{ transactionId: string }>;
  searchParams: Promise<{ retour?: string }>;
}) {
  const user = await requirePageUser("dinum");
  const { transactionId } = await params;
  if (!z.uuid().safeParse(transactionId).success) notFound();
  const { retour } = await searchParams;
  // Only a path inside the DINUM ledger pages, never another site.
  const returnTo = retour?.startsWith("/dinum/compensation") ? retour : "/dinum/compensation";
  const transaction = await getTransaction(db(), user, transactionId).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <>
      <p>
        <Link href={returnTo}>← Retour au relevé</Link>
      </p>
      <h1>Opération du {formatDateTime(transaction.createdAt)}</h1>
      <p>
        <strong>{LEDGER_KINDS[transaction.kind] ?? transaction.kind}</strong> — {transaction.description}
        {transaction.reason ? <> (motif : {transaction.reason})</> : null}
      </p>
      <ul>
        {transaction.entries.map((entry, index) => (
          <li key={index}>
            {entry.account === "services_dinum" ? "Services DINUM" : (entry.administrationName ?? "Administration inconnue")} :{" "}
            {formatSignedCredits(entry.amount)}
          </li>
        ))}
      </ul>
      {transaction.kind === "correction" ? (
        <p>Une correction ne peut pas être annulée à son tour : enregistrez plutôt une nouvelle opération.</p>
      ) : transaction.reversedBy ? (
        <p>Cette opération a déjà été corrigée : elle ne peut l&apos;être qu&apos;une fois.</p>
      ) : (
        <>
          <h2 className="fr-h4">Corriger cette opération</h2>
          <p>Une opération inverse sera enregistrée : chaque compte retrouve le solde qu&apos;il avait avant celle-ci.</p>
          <ReversalForm transactionId={transaction.id} returnTo={returnTo} />
        </>
      )}
    </>
  );
}

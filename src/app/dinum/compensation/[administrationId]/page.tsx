import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "@/lib/zod-fr";
import { RedemptionForm } from "@/features/compensation/components/redemption-form";
import { StatementView } from "@/features/compensation/components/statement-view";
import { getStatement } from "@/features/compensation/service";
import { readPeriod } from "@/lib/period";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { NotFoundError } from "@/server/errors";

export const metadata: Metadata = { title: "Relevé de compensation d'une administration" };

export default async function DinumStatementPage({
  params,
  searchParams,
}: {
  params: Promise<{ administrationId: string }>;
  searchParams: Promise<{ page?: string; du?: string; au?: string }>;
}) {
  const user = await requirePageUser("dinum");
  const { administrationId } = await params;
  if (!z.uuid().safeParse(administrationId).success) notFound();
  const query = await searchParams;
  const { period, error: periodError } = readPeriod(query);
  const statement = await getStatement(db(), user, administrationId, { page: Number(query.page) || 1, period }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const basePath = `/dinum/compensation/${administrationId}`;
  return (
    <>
      <p>
        <Link href="/dinum/compensation">← Toutes les administrations</Link>
      </p>
      <h1>Compensation : {statement.administration.name}</h1>
      <StatementView
        {...statement}
        periodError={periodError}
        basePath={basePath}
        correctionHref={(transactionId) => `/dinum/compensation/operations/${transactionId}?retour=${encodeURIComponent(basePath)}`}
      />
      <div className="fr-mt-5w fr-col-md-8">
        <RedemptionForm administrationId={statement.administration.id} administrationName={statement.administration.name} />
      </div>
    </>
  );
}

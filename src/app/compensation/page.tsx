import type { Metadata } from "next";
import Link from "next/link";
import { StatementView } from "@/features/compensation/components/statement-view";
import { getStatement } from "@/features/compensation/service";
import { readPeriod } from "@/lib/period";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Compensation de mon administration" };

export default async function CompensationPage({ searchParams }: { searchParams: Promise<{ page?: string; du?: string; au?: string }> }) {
  const user = await requirePageUser();
  const params = await searchParams;
  if (!user.administrationId) {
    return (
      <>
        <h1>Compensation entre administrations</h1>
        <p>
          Votre administration n&apos;est pas renseignée : <Link href="/compte">indiquez-la dans votre compte</Link> pour voir son
          relevé de crédits.
        </p>
      </>
    );
  }
  const { period, error } = readPeriod(params);
  const statement = await getStatement(db(), user, user.administrationId, { page: Number(params.page) || 1, period });
  return (
    <>
      <h1>Compensation : {statement.administration.name}</h1>
      <p>
        Chaque heure confirmée d&apos;une mission terminée crédite l&apos;administration qui prête son agent et débite celle
        qui l&apos;accueille. La DINUM enregistre les services accordés en échange de crédits.
      </p>
      <StatementView {...statement} periodError={error} basePath="/compensation" />
    </>
  );
}

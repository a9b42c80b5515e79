import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { formatCredits } from "@/features/compensation/amounts";
import { BalancesTable } from "@/features/compensation/components/balances-table";
import { MinistriesTable } from "@/features/compensation/components/ministries-table";
import { parseBalanceParams } from "@/features/compensation/constants";
import { listBalances, ministryBalances } from "@/features/compensation/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Compensation entre administrations" };

export default async function DinumCompensationPage({
  searchParams,
}: {
  searchParams: Promise<{ tri?: string; ordre?: string; page?: string; ministere?: string }>;
}) {
  const user = await requirePageUser("dinum");
  const { sort, order, page, ministry } = parseBalanceParams(await searchParams);
  const [balances, rollup] = await Promise.all([listBalances(db(), user, { sort, order, page, ministry }), ministryBalances(db(), user)]);
  const hrefFor = (target: number) =>
    `/dinum/compensation?${new URLSearchParams({ ...(ministry ? { ministere: ministry } : {}), tri: sort, ordre: order, page: String(target) })}`;
  return (
    <>
      <h1>Compensation entre administrations</h1>
      <p>
        Registre en partie double : chaque opération débite un compte et en crédite un autre du même montant. Rien n&apos;est
        modifié ni supprimé ; une erreur se corrige par une opération inverse, avec un motif.
      </p>
      <ul>
        <li>Crédits échangés contre des services DINUM : {formatCredits(rollup.servicesDinum)}</li>
        <li>
          Contrôle d&apos;équilibre (somme de toutes les écritures) : {formatCredits(rollup.ledgerTotal)}
          {Number(rollup.ledgerTotal) === 0 ? " — le registre est équilibré." : " — anomalie : prévenez l'équipe technique."}
        </li>
      </ul>
      <p>
        <a className="fr-link fr-icon-download-line fr-link--icon-left" href="/api/compensation/soldes" download>
          Télécharger les soldes de toutes les administrations (CSV, séparateur point-virgule, décimales avec une virgule)
        </a>
      </p>

      <h2>Par ministère</h2>
      <MinistriesTable rows={rollup.ministries} />

      <h2>Par administration</h2>
      {ministry ? (
        <p>
          Ministère : <strong>{ministry}</strong> — <Link href="/dinum/compensation">voir tous les ministères</Link>
        </p>
      ) : null}
      <p className="fr-text--sm">Choisissez une administration pour voir son relevé, enregistrer un service accordé ou corriger une opération.</p>
      <BalancesTable
        rows={balances.rows}
        sort={sort}
        order={order}
        caption={`${balances.total} administration${balances.total > 1 ? "s" : ""}${ministry ? ` — ${ministry}` : ""}`}
      />
      {balances.pageCount > 1 ? (
        <Pagination count={balances.pageCount} defaultPage={balances.page} getPageLinkProps={(target) => ({ href: hrefFor(target) })} />
      ) : null}
    </>
  );
}

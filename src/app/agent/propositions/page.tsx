import type { Metadata } from "next";
import Link from "next/link";
import { AcceptCorrectionButton } from "@/features/realisation/components/accept-correction-button";
import { DeclareHoursForm } from "@/features/realisation/components/declare-hours-form";
import { ProposalResponse } from "@/features/propositions/components/proposal-response";
import { listMyProposals } from "@/features/propositions/service";
import { CANDIDATE_STATES } from "@/features/propositions/states";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Mes propositions" };

export default async function MyProposalsPage() {
  const user = await requirePageUser("agent");
  const proposals = await listMyProposals(db(), user);
  return (
    <>
      <h1>Mes propositions et missions</h1>
      <p>Les missions que l&apos;équipe Mission Talents vous propose. Si vous acceptez, votre manager est sollicité pour accord.</p>
      {proposals.length === 0 ? (
        <p>Aucune proposition pour l&apos;instant.</p>
      ) : (
        <ul className="fr-raw-list">
          {proposals.map((proposal) => (
            <li key={proposal.candidateId} id={`proposition-${proposal.candidateId}`} className="fr-card fr-mb-3w">
              <div className="fr-card__body">
                <div className="fr-card__content">
                  <h2 className="fr-card__title">
                    <Link href={`/missions/${proposal.missionId}`}>{proposal.missionTitle}</Link>
                  </h2>
                  <p className="fr-card__desc">
                    {proposal.administration} · {proposal.totalHours ?? "?"} h
                  </p>
                  <p className="fr-badge fr-badge--info">{CANDIDATE_STATES[proposal.state] ?? proposal.state}</p>
                  {proposal.state === "selectionnee" && proposal.missionState === "en_cours" ? (
                    <div className="fr-mt-2w">
                      {proposal.hoursState === "a_declarer" || proposal.hoursState === "declarees" ? (
                        <DeclareHoursForm candidateId={proposal.candidateId} declaredHours={proposal.declaredHours} />
                      ) : null}
                      {proposal.hoursState === "corrigees" ? (
                        <>
                          <p>
                            L&apos;administration propose {proposal.confirmedHours} h au lieu de {proposal.declaredHours} h
                            {proposal.hoursComment ? ` : « ${proposal.hoursComment} »` : ""}.
                          </p>
                          <AcceptCorrectionButton candidateId={proposal.candidateId} />
                        </>
                      ) : null}
                    </div>
                  ) : null}
                  {proposal.hoursState === "confirmees" ? <p className="fr-mt-2w">Heures confirmées : {proposal.confirmedHours} h. Merci !</p> : null}
                  {proposal.feedback ? <p className="fr-mt-1w">Retour de l&apos;administration : « {proposal.feedback} »</p> : null}
                  {proposal.state === "proposee" ? (
                    <div className="fr-mt-2w">
                      <ProposalResponse candidateId={proposal.candidateId} missionTitle={proposal.missionTitle} />
                    </div>
                  ) : null}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

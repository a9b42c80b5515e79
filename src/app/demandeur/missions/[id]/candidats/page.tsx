import type { Metadata } from "next";
import { ReasonList } from "@/components/matching/reason-list";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FeedbackForm } from "@/features/realisation/components/feedback-form";
import { ReviewHoursForm } from "@/features/realisation/components/review-hours-form";
import { CandidateSelection } from "@/features/selection/components/candidate-selection";
import { getCandidateList } from "@/features/selection/service";
import { AuthorizationError, requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { NotFoundError } from "@/server/errors";

export const metadata: Metadata = { title: "Candidats de la mission" };

const HOURS_STATES: Record<string, string> = {
  a_declarer: "Heures pas encore déclarées par l'agent",
  declarees: "Heures déclarées, à confirmer",
  corrigees: "Correction envoyée, en attente de l'accord de l'agent",
  confirmees: "Heures confirmées",
};

export default async function CandidatesPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const list = await getCandidateList(db(), user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError || error instanceof AuthorizationError) notFound();
    throw error;
  });
  const { mission, candidates } = list;
  const consented = candidates.filter((candidate) => candidate.state === "consentie");
  const selected = candidates.filter((candidate) => candidate.state === "selectionnee");
  const skills = mission.skills.map((skill) => skill.label);
  return (
    <>
      <p>
        <Link href={`/missions/${mission.id}`}>← La mission</Link>
      </p>
      <h1>Candidats : {mission.title}</h1>
      {candidates.length === 0 ? (
        <p>
          L&apos;équipe Mission Talents vous enverra la liste des agents volontaires dès que leur manager aura donné son
          accord. Un courriel vous préviendra.
        </p>
      ) : null}
      {mission.state === "publiee" && consented.length > 0 ? (
        <section aria-labelledby="choisir">
          <h2 id="choisir">Choisir parmi les candidats</h2>
          <ol className="fr-mb-3w">
            {consented.map((candidate) => (
              <li key={candidate.candidateId} className="fr-mb-2w">
                <strong>
                  {candidate.givenName} {candidate.usualName}
                </strong>{" "}
                — {candidate.administration ?? "administration non renseignée"} — <a href={`mailto:${candidate.email}`}>{candidate.email}</a>
                <ReasonList reasons={candidate.reasons} className="fr-text--sm" />
              </li>
            ))}
          </ol>
          <CandidateSelection
            missionId={mission.id}
            candidates={consented.map((candidate) => ({ candidateId: candidate.candidateId, name: `${candidate.givenName} ${candidate.usualName}` }))}
          />
        </section>
      ) : null}
      {selected.length > 0 ? (
        <section aria-labelledby="retenus">
          <h2 id="retenus">{mission.state === "terminee" ? "Mission terminée" : "Agents retenus"}</h2>
          {selected.map((candidate) => (
            <div key={candidate.candidateId} className="fr-card fr-mb-3w">
              <div className="fr-card__body">
                <div className="fr-card__content">
                  <h3 className="fr-card__title">
                    {candidate.givenName} {candidate.usualName}
                  </h3>
                  <p className="fr-card__desc">
                    {candidate.administration} — <a href={`mailto:${candidate.email}`}>{candidate.email}</a>
                  </p>
                  <p className="fr-badge fr-badge--info">
                    {HOURS_STATES[candidate.hoursState ?? "a_declarer"]}
                    {candidate.hoursState === "confirmees" ? ` : ${candidate.confirmedHours} h` : ""}
                  </p>
                  {candidate.hoursState === "declarees" && candidate.declaredHours ? (
                    <div className="fr-mt-2w">
                      <ReviewHoursForm
                        candidateId={candidate.candidateId}
                        declaredHours={candidate.declaredHours}
                        agentName={`${candidate.givenName} ${candidate.usualName}`}
                      />
                    </div>
                  ) : null}
                  <div className="fr-mt-2w">
                    <FeedbackForm
                      candidateId={candidate.candidateId}
                      skills={skills}
                      initial={{ feedback: candidate.feedback ?? "", attestedSkills: candidate.attestedSkills }}
                    />
                  </div>
                </div>
              </div>
            </div>
          ))}
        </section>
      ) : null}
    </>
  );
}

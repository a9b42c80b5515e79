import { requireUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { getCandidateList } from "../service";
import { SendListButton } from "./send-list-button";
import { formatDateTime } from "@/lib/format-fr";

/** DINUM sends the consented candidates, in final order, to the demandeur. */
export async function SendListPanel({ missionId }: { missionId: string }) {
  const { mission, candidates } = await getCandidateList(db(), await requireUser(), missionId);
  const consented = candidates.filter((candidate) => candidate.state === "consentie");
  return (
    <section aria-labelledby="liste-titre" className="fr-mt-6w">
      <h2 id="liste-titre">Liste pour le demandeur</h2>
      {mission.listSentAt ? (
        <p>Envoyée le {formatDateTime(mission.listSentAt)}.</p>
      ) : null}
      {consented.length === 0 ? (
        <p>Aucun candidat n&apos;a encore l&apos;accord de son manager.</p>
      ) : (
        <>
          <ol>
            {consented.map((candidate) => (
              <li key={candidate.candidateId}>
                {candidate.givenName} {candidate.usualName} — {candidate.administration ?? "administration non renseignée"}
              </li>
            ))}
          </ol>
          {mission.state === "publiee" ? <SendListButton missionId={missionId} alreadySent={Boolean(mission.listSentAt)} /> : null}
        </>
      )}
    </section>
  );
}

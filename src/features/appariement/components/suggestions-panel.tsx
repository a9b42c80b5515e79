import { requireUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { ProposeButton } from "@/features/propositions/components/propose-button";
import { CANDIDATE_STATES } from "@/features/propositions/states";
import { listMissionSuggestions } from "../service";

const WORK_MODES: Record<string, string> = { distance: "À distance", sur_site: "Sur site", mixte: "Mixte" };

/** DINUM's view of the engine's ranked agents for one mission, with why each one fits. */
export async function SuggestionsPanel({ missionId }: { missionId: string }) {
  const suggestions = await listMissionSuggestions(db(), await requireUser(), missionId);
  return (
    <section aria-labelledby="suggestions-titre" className="fr-mt-6w">
      <h2 id="suggestions-titre">Agents suggérés par le moteur</h2>
      {suggestions.length === 0 ? (
        <p>Aucun profil ne correspond pour l&apos;instant. Les suggestions sont recalculées quand des profils changent.</p>
      ) : (
        <div className="fr-table fr-table--bordered">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>
                    {suggestions.length} agents classés par pertinence, avec les raisons du classement
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Rang</th>
                      <th scope="col">Agent</th>
                      <th scope="col">Score</th>
                      <th scope="col">Pourquoi</th>
                      <th scope="col">Disponibilité</th>
                      <th scope="col">Suite</th>
                    </tr>
                  </thead>
                  <tbody>
                    {suggestions.map((suggestion) => (
                      <tr key={suggestion.agentId}>
                        <td>{suggestion.engineRank}</td>
                        <td>
                          <strong>{suggestion.displayName}</strong>
                          <br />
                          {suggestion.administration ?? "Administration non renseignée"}
                          {suggestion.sameAdministration ? (
                            <p className="fr-badge fr-badge--sm fr-badge--info fr-mt-1v">Même administration</p>
                          ) : null}
                        </td>
                        <td>{Math.round(suggestion.score * 100)} %</td>
                        <td>
                          <ul className="fr-text--sm fr-mb-0">
                            {suggestion.reasons.map((reason) => (
                              <li key={reason}>{reason}</li>
                            ))}
                          </ul>
                        </td>
                        <td>
                          {suggestion.hoursPerMonth} h/mois
                          <br />
                          {WORK_MODES[suggestion.workMode] ?? suggestion.workMode}
                          {suggestion.places.length ? ` — ${suggestion.places.join(", ")}` : ""}
                        </td>
                        <td>
                          {suggestion.candidateState && suggestion.candidateState !== "a_examiner" ? (
                            CANDIDATE_STATES[suggestion.candidateState] ?? suggestion.candidateState
                          ) : (
                            <ProposeButton missionId={missionId} agentId={suggestion.agentId} agentName={suggestion.displayName} />
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}

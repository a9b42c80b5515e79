import Link from "next/link";
import { requireUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { listMissionSuggestions } from "../service";

/** How many of the engine's best agents the mission page shows before the full review. */
const PREVIEWED = 3;

/**
 * DINUM's glimpse of the engine's ranked agents on the mission page. Overrides and proposals
 * happen on the review page, where suggestions and applications are one list.
 */
export async function SuggestionsPanel({ missionId }: { missionId: string }) {
  const suggestions = await listMissionSuggestions(db(), await requireUser(), missionId);
  const best = suggestions.slice(0, PREVIEWED);
  return (
    <section aria-labelledby="suggestions-titre" className="fr-mt-6w">
      <h2 id="suggestions-titre">Agents suggérés par le moteur</h2>
      {suggestions.length === 0 ? (
        <p>Aucun profil ne correspond pour l&apos;instant. Les suggestions sont recalculées quand des profils changent.</p>
      ) : (
        <>
          <p>
            {suggestions.length} agent{suggestions.length > 1 ? "s" : ""} classé{suggestions.length > 1 ? "s" : ""} par
            pertinence. En tête :
          </p>
          <ol>
            {best.map((suggestion) => (
              <li key={suggestion.agentId}>
                <strong>{suggestion.displayName}</strong> — {suggestion.administration ?? "Administration non renseignée"} (
                {Math.round(suggestion.score * 100)} %)
              </li>
            ))}
          </ol>
        </>
      )}
      <p>
        <Link className="fr-btn" href={`/dinum/missions/${missionId}/revue`}>
          Examiner et proposer
        </Link>
      </p>
      <p className="fr-hint-text">
        La page d&apos;examen réunit suggestions et candidatures spontanées, permet d&apos;épingler, d&apos;exclure, de
        réordonner ou d&apos;ajouter un agent, puis de proposer la mission.
      </p>
    </section>
  );
}

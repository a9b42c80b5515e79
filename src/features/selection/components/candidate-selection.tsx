"use client";

import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { selectCandidatesAction } from "../actions";

export interface SelectableCandidate {
  candidateId: string;
  name: string;
}

export function CandidateSelection({ missionId, candidates }: { missionId: string; candidates: SelectableCandidate[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await selectCandidatesAction({ missionId, candidateIds: chosen });
          if (result.ok) router.refresh();
          else setError(result.fieldErrors?.candidateIds?.[0] ?? result.error);
        });
      }}
    >
      {error ? <Alert small severity="error" description={error} className="fr-mb-2w" /> : null}
      <Checkbox
        legend="Candidats retenus"
        hintText="Les candidats non retenus en seront informés avec nos remerciements."
        state={error ? "error" : "default"}
        options={candidates.map((candidate) => ({
          label: candidate.name,
          nativeInputProps: {
            name: "candidats",
            value: candidate.candidateId,
            checked: chosen.includes(candidate.candidateId),
            onChange: (event) =>
              setChosen((current) =>
                event.target.checked ? [...current, candidate.candidateId] : current.filter((id) => id !== candidate.candidateId),
              ),
          },
        }))}
      />
      <Button type="submit" disabled={pending}>
        Retenir et démarrer la mission
      </Button>
    </form>
  );
}

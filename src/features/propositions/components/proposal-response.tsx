"use client";

import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { respondToProposalAction } from "../actions";

/** Accept (confirming availability) or decline with an optional reason. */
export function ProposalResponse({ candidateId, missionTitle }: { candidateId: string; missionTitle: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [available, setAvailable] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const respond = (accept: boolean) =>
    startTransition(async () => {
      const result = await respondToProposalAction({ candidateId, accept, reason: accept ? undefined : reason });
      if (result.ok) router.refresh();
      else setError(result.fieldErrors?.reason?.[0] ?? result.error);
    });
  return (
    <div>
      {error ? <Alert small severity="error" description={error} className="fr-mb-2w" /> : null}
      <Checkbox
        options={[
          {
            label: "Je confirme être disponible pour cette mission",
            nativeInputProps: { checked: available, onChange: (event) => setAvailable(event.target.checked), name: `disponible-${candidateId}` },
          },
        ]}
      />
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Button disabled={pending || !available} onClick={() => respond(true)} title={`Accepter la mission « ${missionTitle} »`}>
            Accepter
          </Button>
        </li>
        <li>
          <Button priority="secondary" disabled={pending} onClick={() => setDeclining(true)}>
            Décliner
          </Button>
        </li>
      </ul>
      {declining ? (
        <div className="fr-mt-2w">
          <Input label="Raison (facultative)" nativeInputProps={{ value: reason, onChange: (event) => setReason(event.target.value), maxLength: 500 }} />
          <Button priority="tertiary" disabled={pending} onClick={() => respond(false)}>
            Confirmer le refus
          </Button>
        </div>
      ) : null}
    </div>
  );
}

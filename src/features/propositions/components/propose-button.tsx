"use client";

import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { proposeMissionAction } from "../actions";

export function ProposeButton({ missionId, agentId, agentName }: { missionId: string; agentId: string; agentName: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <Button
        size="small"
        priority="secondary"
        disabled={pending}
        title={`Proposer la mission à ${agentName}`}
        onClick={() =>
          startTransition(async () => {
            const result = await proposeMissionAction({ missionId, agentIds: [agentId] });
            setMessage(result.ok ? (result.data.proposed ? "Proposée" : "Déjà proposée") : result.error);
            router.refresh();
          })
        }
      >
        Proposer
      </Button>
      {message ? (
        <p role="status" className="fr-text--xs fr-mb-0">
          {message}
        </p>
      ) : null}
    </>
  );
}

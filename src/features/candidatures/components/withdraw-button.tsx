"use client";

import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmAction } from "@/components/confirm/confirm-action";
import { withdrawApplicationAction } from "../actions";

export function WithdrawButton({ applicationId, missionTitle }: { applicationId: string; missionTitle: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function withdraw() {
    setPending(true);
    const result = await withdrawApplicationAction({ applicationId });
    setPending(false);
    if (result.ok) return router.refresh();
    setError(result.error);
  }

  return (
    <>
      {error ? <Alert small severity="error" description={error} className="fr-mb-1w" /> : null}
      <ConfirmAction
        question={<>Retirer votre candidature à « {missionTitle} » ? La DINUM et le demandeur ne la verront plus.</>}
        confirmLabel="Oui, retirer ma candidature"
        onConfirm={withdraw}
        pending={pending}
      >
        Retirer ma candidature<span className="fr-sr-only"> à « {missionTitle} »</span>
      </ConfirmAction>
    </>
  );
}

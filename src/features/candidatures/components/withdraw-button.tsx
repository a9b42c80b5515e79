"use client";

import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { useState } from "react";
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
      <Button priority="secondary" size="small" onClick={withdraw} disabled={pending}>
        Retirer ma candidature<span className="fr-sr-only"> à « {missionTitle} »</span>
      </Button>
    </>
  );
}

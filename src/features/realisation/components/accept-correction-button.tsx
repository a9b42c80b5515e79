"use client";

import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acceptCorrectedHoursAction } from "../actions";

export function AcceptCorrectionButton({ candidateId }: { candidateId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      {error ? <Alert small severity="error" description={error} className="fr-mb-2w" /> : null}
      <Button
        size="small"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await acceptCorrectedHoursAction({ candidateId });
            if (result.ok) router.refresh();
            else setError(result.error);
          })
        }
      >
        J&apos;accepte la correction
      </Button>
    </>
  );
}

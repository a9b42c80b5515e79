"use client";

import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { retryEmailAction } from "../actions";

export function RetryEmailButton({ emailId }: { emailId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      {error ? <Alert small severity="error" description={error} className="fr-mb-2w" /> : null}
      <Button
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await retryEmailAction({ emailId });
            if (result.ok) router.refresh();
            else setError(result.error);
          })
        }
      >
        Renvoyer ce courriel
      </Button>
    </>
  );
}

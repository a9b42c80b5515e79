"use client";

import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { plural } from "@/lib/format-fr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { sendCandidateListAction } from "../actions";

export function SendListButton({ missionId, alreadySent }: { missionId: string; alreadySent: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ severity: "success" | "error"; text: string } | null>(null);
  return (
    <>
      {message ? <Alert small severity={message.severity} description={message.text} className="fr-mb-2w" /> : null}
      <Button
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await sendCandidateListAction({ missionId });
            setMessage(
              result.ok
                ? { severity: "success", text: `Liste envoyée au demandeur : ${plural(result.data.sent, "candidat", "candidats")}.` }
                : { severity: "error", text: result.error },
            );
            router.refresh();
          })
        }
      >
        {alreadySent ? "Renvoyer la liste au demandeur" : "Envoyer la liste au demandeur"}
      </Button>
    </>
  );
}

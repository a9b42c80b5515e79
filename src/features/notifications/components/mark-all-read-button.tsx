"use client";

import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { markAllReadAction } from "../actions";

export function MarkAllReadButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      priority="secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await markAllReadAction({});
          router.refresh();
        })
      }
    >
      Tout marquer comme lu
    </Button>
  );
}

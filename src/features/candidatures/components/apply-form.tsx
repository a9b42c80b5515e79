"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyToMissionAction } from "../actions";
import { APPLICATION_MESSAGE_LIMITS, applyToMissionSchema, type ApplyToMissionInput } from "../schemas";

/** « Se positionner » : a short message to the DINUM team and the demandeur. */
export function ApplyForm({ missionId }: { missionId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ApplyToMissionInput>({ resolver: zodResolver(applyToMissionSchema), defaultValues: { missionId, message: "" } });

  const apply = form.handleSubmit(async (values) => {
    const result = await applyToMissionAction(values);
    if (result.ok) {
      setError(null);
      router.refresh();
      return;
    }
    setError(result.error);
    const messageError = result.fieldErrors?.message?.[0];
    if (messageError) form.setError("message", { type: "server", message: messageError });
  });

  const messageError = form.formState.errors.message?.message;
  return (
    <form onSubmit={apply} noValidate>
      {error ? <Alert small severity="error" description={error} className="fr-mb-2w" /> : null}
      <Input
        label="Votre message"
        hintText={`Pourquoi cette mission vous intéresse et ce que vous pouvez apporter (${APPLICATION_MESSAGE_LIMITS.min} à ${APPLICATION_MESSAGE_LIMITS.max} caractères).`}
        textArea
        nativeTextAreaProps={{ ...form.register("message"), rows: 4, maxLength: APPLICATION_MESSAGE_LIMITS.max }}
        state={messageError ? "error" : "default"}
        stateRelatedMessage={messageError}
      />
      <Button type="submit" disabled={form.formState.isSubmitting} iconId="fr-icon-send-plane-line">
        Me positionner sur cette mission
      </Button>
    </form>
  );
}

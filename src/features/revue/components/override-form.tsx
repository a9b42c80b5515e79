"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { overrideCandidateAction } from "../actions";
import { OVERRIDE_LABELS } from "../labels";
import { OVERRIDE_REASON_LIMITS, overrideCandidateSchema, type OverrideCandidateInput, type OverrideKind } from "../schemas";

interface OverrideFormProps {
  missionId: string;
  candidateId: string;
  agentName: string;
  kind: OverrideKind;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** Asks why before any override: the reason goes into the audit log with the change. */
export function OverrideForm({ missionId, candidateId, agentName, kind, onDone, onCancel }: OverrideFormProps) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm<OverrideCandidateInput>({
    resolver: zodResolver(overrideCandidateSchema),
    defaultValues: { missionId, candidateId, kind, reason: "" },
  });
  const { setFocus } = form;
  useEffect(() => setFocus("reason"), [setFocus]);

  const submit = form.handleSubmit(async (values) => {
    const result = await overrideCandidateAction(values);
    if (result.ok) return onDone(OVERRIDE_LABELS[kind].done(agentName));
    setError(result.error);
    const reasonError = result.fieldErrors?.reason?.[0];
    if (reasonError) form.setError("reason", { type: "server", message: reasonError });
  });

  const titleId = `override-${candidateId}-titre`;
  const reasonError = form.formState.errors.reason?.message;
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby={titleId}
      className="fr-p-2w fr-background-alt--blue-france"
      style={{ maxWidth: "48rem" }}
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
    >
      <p id={titleId} className="fr-text--bold fr-mb-1w">
        {OVERRIDE_LABELS[kind].title(agentName)}
      </p>
      {error ? <Alert small severity="error" description={error} className="fr-mb-2w" /> : null}
      <Input
        label="Raison de cette modification"
        hintText={`Elle est gardée dans le journal d'audit (${OVERRIDE_REASON_LIMITS.min} à ${OVERRIDE_REASON_LIMITS.max} caractères).`}
        textArea
        nativeTextAreaProps={{ ...form.register("reason"), rows: 2, maxLength: OVERRIDE_REASON_LIMITS.max }}
        state={reasonError ? "error" : "default"}
        stateRelatedMessage={reasonError}
      />
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
        <li>
          <Button type="submit" disabled={form.formState.isSubmitting}>
            Confirmer : {OVERRIDE_LABELS[kind].button.toLowerCase()}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}

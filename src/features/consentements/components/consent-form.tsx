"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { decideConsentAction } from "../actions";
import { consentDecisionSchema, type ConsentDecisionInput } from "../schemas";

export function ConsentForm({ token, agentName }: { token: string; agentName: string }) {
  const [outcome, setOutcome] = useState<{ severity: "success" | "error"; text: string } | null>(null);
  const form = useForm<ConsentDecisionInput>({ resolver: zodResolver(consentDecisionSchema), defaultValues: { token, comment: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await decideConsentAction(values);
    if (result.ok) {
      setOutcome({
        severity: "success",
        text:
          result.data.decision === "approuve"
            ? `Merci : votre accord est enregistré. ${agentName} et l'équipe Mission Talents en sont informés.`
            : `Merci : votre refus est enregistré. ${agentName} et l'équipe Mission Talents en sont informés.`,
      });
    } else {
      setOutcome({ severity: "error", text: result.error });
    }
  });
  if (outcome?.severity === "success") return <Alert severity="success" title="Réponse enregistrée" description={outcome.text} />;
  const decisionError = form.formState.errors.decision?.message;
  const commentError = form.formState.errors.comment?.message;
  return (
    <form onSubmit={onSubmit} noValidate>
      {outcome ? <Alert severity="error" small description={outcome.text} className="fr-mb-3w" /> : null}
      <RadioButtons
        legend="Votre réponse"
        state={decisionError ? "error" : "default"}
        stateRelatedMessage={decisionError}
        options={[
          { label: `J'accepte que ${agentName} réalise cette mission`, nativeInputProps: { value: "approuve", ...form.register("decision") } },
          { label: "Je refuse", nativeInputProps: { value: "refuse", ...form.register("decision") } },
        ]}
      />
      <Input
        label="Commentaire (facultatif)"
        hintText="Il sera transmis à l'agent et à l'équipe Mission Talents."
        textArea
        state={commentError ? "error" : "default"}
        stateRelatedMessage={commentError}
        nativeTextAreaProps={{ rows: 3, ...form.register("comment") }}
      />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        Envoyer ma réponse
      </Button>
    </form>
  );
}

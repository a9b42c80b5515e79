"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { reviewHoursAction } from "../actions";
import { reviewHoursSchema, type ReviewHoursInput } from "../schemas";

export function ReviewHoursForm({ candidateId, declaredHours, agentName }: { candidateId: string; declaredHours: number; agentName: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ReviewHoursInput>({
    resolver: zodResolver(reviewHoursSchema),
    defaultValues: { candidateId, decision: "confirmer", correctedHours: "", comment: "" },
  });
  const decision = form.watch("decision");
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await reviewHoursAction(values);
    if (result.ok) router.refresh();
    else {
      setError(result.error);
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as keyof ReviewHoursInput, { message: messages[0] });
      }
    }
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      {error ? <Alert small severity="error" description={error} className="fr-mb-2w" /> : null}
      <RadioButtons
        legend={`${agentName} déclare ${declaredHours} h`}
        options={[
          { label: "Je confirme ces heures", nativeInputProps: { value: "confirmer", ...form.register("decision") } },
          { label: "Je corrige", nativeInputProps: { value: "corriger", ...form.register("decision") } },
        ]}
      />
      {decision === "corriger" ? (
        <>
          <Input
            label="Heures corrigées"
            state={errors.correctedHours ? "error" : "default"}
            stateRelatedMessage={errors.correctedHours?.message}
            nativeInputProps={{ type: "number", inputMode: "numeric", min: 1, ...form.register("correctedHours") }}
          />
          <Input
            label="Explication pour l'agent"
            state={errors.comment ? "error" : "default"}
            stateRelatedMessage={errors.comment?.message}
            nativeInputProps={form.register("comment")}
          />
        </>
      ) : null}
      <Button type="submit" size="small" disabled={form.formState.isSubmitting}>
        Valider
      </Button>
    </form>
  );
}

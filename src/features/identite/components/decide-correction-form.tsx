"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { decideAdministrationCorrectionAction } from "../actions";
import { decideAdministrationCorrectionSchema, type DecideAdministrationCorrectionInput } from "../schemas";

export function DecideCorrectionForm({ requestId, personName }: { requestId: string; personName: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ severity: "success" | "error"; text: string } | null>(null);
  const form = useForm<DecideAdministrationCorrectionInput>({
    resolver: zodResolver(decideAdministrationCorrectionSchema),
    defaultValues: { requestId, comment: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await decideAdministrationCorrectionAction(values);
    if (result.ok) {
      setMessage({
        severity: "success",
        text: result.data.decision === "approuvee" ? `Correction approuvée : ${personName} reçoit la nouvelle.` : `Demande refusée : ${personName} reçoit la nouvelle.`,
      });
      router.refresh();
    } else {
      setMessage({ severity: "error", text: result.error });
      for (const [field, errors] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as keyof DecideAdministrationCorrectionInput, { message: errors[0] });
      }
    }
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Décision pour ${personName}`}>
      {message ? <Alert small severity={message.severity} description={message.text} className="fr-mb-2w" /> : null}
      <RadioButtons
        legend="Décision"
        orientation="horizontal"
        state={errors.decision ? "error" : "default"}
        stateRelatedMessage={errors.decision?.message}
        options={[
          { label: "Approuver la correction", nativeInputProps: { value: "approuvee", ...form.register("decision") } },
          { label: "Refuser", nativeInputProps: { value: "refusee", ...form.register("decision") } },
        ]}
      />
      <Input
        label="Commentaire (obligatoire pour un refus)"
        hintText="La personne le lira dans sa notification et son courriel."
        state={errors.comment ? "error" : "default"}
        stateRelatedMessage={errors.comment?.message}
        nativeInputProps={form.register("comment")}
      />
      <Button type="submit" size="small" disabled={form.formState.isSubmitting}>
        Enregistrer la décision
      </Button>
    </form>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { recordConsentOtherwiseAction } from "../actions";
import { recordConsentOtherwiseSchema, type RecordConsentOtherwiseInput } from "../schemas";

/** The exception to the ProConnect rule: DINUM records an answer it obtained and checked otherwise. */
export function RecordOtherwiseForm({ candidateId, managerEmail }: { candidateId: string; managerEmail: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ severity: "success" | "error"; text: string } | null>(null);
  const form = useForm<RecordConsentOtherwiseInput>({
    resolver: zodResolver(recordConsentOtherwiseSchema),
    defaultValues: { candidateId, proof: "", reason: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await recordConsentOtherwiseAction(values);
    if (result.ok) {
      setMessage({ severity: "success", text: "Réponse enregistrée, marquée « recueillie hors ProConnect »." });
      router.refresh();
    } else {
      setMessage({ severity: "error", text: result.error });
      for (const [field, errors] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as keyof RecordConsentOtherwiseInput, { message: errors[0] });
      }
    }
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Réponse de ${managerEmail} recueillie hors ProConnect`}>
      {message ? <Alert small severity={message.severity} description={message.text} className="fr-mb-2w" /> : null}
      <RadioButtons
        legend={`Réponse de ${managerEmail}`}
        orientation="horizontal"
        state={errors.decision ? "error" : "default"}
        stateRelatedMessage={errors.decision?.message}
        options={[
          { label: "Accord", nativeInputProps: { value: "approuve", ...form.register("decision") } },
          { label: "Refus", nativeInputProps: { value: "refuse", ...form.register("decision") } },
        ]}
      />
      <Input
        label="Preuve"
        hintText="Ce qui établit que la réponse vient du manager nommé : courriel professionnel reçu, courrier signé, référence…"
        textArea
        state={errors.proof ? "error" : "default"}
        stateRelatedMessage={errors.proof?.message}
        nativeTextAreaProps={{ rows: 2, ...form.register("proof") }}
      />
      <Input
        label="Pourquoi pas par ProConnect"
        state={errors.reason ? "error" : "default"}
        stateRelatedMessage={errors.reason?.message}
        nativeInputProps={form.register("reason")}
      />
      <Button type="submit" size="small" priority="secondary" disabled={form.formState.isSubmitting}>
        Enregistrer la réponse recueillie
      </Button>
    </form>
  );
}

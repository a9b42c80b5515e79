"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { newIdempotencyKey } from "@/lib/idempotency";
import { recordRedemptionAction } from "../actions";
import { redemptionSchema, type RedemptionInput } from "../schemas";

/** DINUM grants a service to an administration in exchange for credits. */
export function RedemptionForm({ administrationId, administrationName }: { administrationId: string; administrationName: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const form = useForm<RedemptionInput>({
    resolver: zodResolver(redemptionSchema),
    // The key stays while the request may be sent again (a double click, a retry after a timeout)
    // and is renewed once it succeeded: the server records one operation per key.
    defaultValues: { idempotencyKey: newIdempotencyKey(), administrationId, credits: "", description: "", reason: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setSuccess(null);
    const result = await recordRedemptionAction(values);
    if (result.ok) {
      form.reset({ idempotencyKey: newIdempotencyKey(), administrationId, credits: "", description: "", reason: "" });
      setSuccess("Le service accordé est enregistré au débit de l'administration.");
      router.refresh();
    } else {
      setError(result.error);
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as keyof RedemptionInput, { message: messages[0] });
      }
    }
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="rachat-titre">
      <h2 id="rachat-titre" className="fr-h4">
        Enregistrer un service DINUM accordé
      </h2>
      <p className="fr-text--sm">
        Les crédits sont débités du compte de {administrationName} et portés au compte des services DINUM.
      </p>
      {error ? <Alert small severity="error" description={error} className="fr-mb-2w" /> : null}
      {success ? <Alert small severity="success" description={success} className="fr-mb-2w" /> : null}
      <input type="hidden" {...form.register("idempotencyKey")} />
      <input type="hidden" {...form.register("administrationId")} />
      <Input
        label="Crédits"
        hintText="Nombre positif, deux décimales au plus"
        state={errors.credits ? "error" : "default"}
        stateRelatedMessage={errors.credits?.message}
        nativeInputProps={{ type: "number", inputMode: "decimal", min: 0, step: "0.01", ...form.register("credits") }}
      />
      <Input
        label="Service accordé"
        hintText="Par exemple : audit de sécurité d'un site"
        state={errors.description ? "error" : "default"}
        stateRelatedMessage={errors.description?.message}
        nativeInputProps={form.register("description")}
      />
      <Input
        label="Motif"
        hintText="Pourquoi ce service est accordé (conservé dans le journal d'audit)"
        textArea
        state={errors.reason ? "error" : "default"}
        stateRelatedMessage={errors.reason?.message}
        nativeTextAreaProps={form.register("reason")}
      />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        Enregistrer le service accordé
      </Button>
    </form>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { newIdempotencyKey } from "@/lib/idempotency";
import { reverseTransactionAction } from "../actions";
import { reversalSchema, type ReversalInput } from "../schemas";

/** DINUM corrects an operation: a new one with the opposite entries, never an edit. */
export function ReversalForm({ transactionId, returnTo }: { transactionId: string; returnTo: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  // One key per correction request: sent again (double click, retry), it records one correction.
  const form = useForm<ReversalInput>({
    resolver: zodResolver(reversalSchema),
    defaultValues: { idempotencyKey: newIdempotencyKey(), transactionId, reason: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await reverseTransactionAction(values);
    if (result.ok) {
      router.push(returnTo);
      router.refresh();
    } else {
      setError(result.error);
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as keyof ReversalInput, { message: messages[0] });
      }
    }
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      {error ? <Alert small severity="error" description={error} className="fr-mb-2w" /> : null}
      <input type="hidden" {...form.register("idempotencyKey")} />
      <input type="hidden" {...form.register("transactionId")} />
      <Input
        label="Motif de la correction"
        hintText="Conservé avec l'opération de correction et dans le journal d'audit"
        textArea
        state={errors.reason ? "error" : "default"}
        stateRelatedMessage={errors.reason?.message}
        nativeTextAreaProps={form.register("reason")}
      />
      <Button type="submit" priority="secondary" disabled={form.formState.isSubmitting}>
        Enregistrer la correction
      </Button>
    </form>
  );
}

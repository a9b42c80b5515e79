"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { resendConsentAction } from "../actions";
import { resendConsentSchema, type ResendConsentInput } from "../schemas";

export function ResendConsentForm({ candidateId, managerEmail }: { candidateId: string; managerEmail: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ severity: "success" | "error"; text: string } | null>(null);
  const form = useForm<ResendConsentInput>({
    resolver: zodResolver(resendConsentSchema),
    defaultValues: { candidateId, managerEmail: "", managerName: "", reason: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await resendConsentAction(values);
    if (result.ok) {
      setMessage({ severity: "success", text: "Un nouveau lien est parti ; l'ancien ne fonctionne plus." });
      form.reset({ candidateId, managerEmail: "", managerName: "", reason: "" });
      router.refresh();
    } else {
      setMessage({ severity: "error", text: result.error });
      for (const [field, errors] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as keyof ResendConsentInput, { message: errors[0] });
      }
    }
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      {message ? <Alert small severity={message.severity} description={message.text} className="fr-mb-2w" /> : null}
      <Input
        label="Nouvelle adresse du manager (facultatif)"
        hintText={`Laissez vide pour renvoyer à ${managerEmail}.`}
        state={errors.managerEmail ? "error" : "default"}
        stateRelatedMessage={errors.managerEmail?.message}
        nativeInputProps={{ type: "email", ...form.register("managerEmail") }}
      />
      <Input label="Nom du manager (facultatif)" nativeInputProps={form.register("managerName")} />
      <Input
        label="Raison"
        state={errors.reason ? "error" : "default"}
        stateRelatedMessage={errors.reason?.message}
        nativeInputProps={form.register("reason")}
      />
      <Button type="submit" size="small" disabled={form.formState.isSubmitting}>
        Renvoyer le lien
      </Button>
    </form>
  );
}

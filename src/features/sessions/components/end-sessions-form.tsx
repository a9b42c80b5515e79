"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { endUserSessionsAction } from "../actions";
import { endUserSessionsSchema, type EndUserSessionsInput } from "../schemas";

/** DINUM ends every open session of one person, with a reason kept in the audit log. */
export function EndSessionsForm({ userId, personName }: { userId: string; personName: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const form = useForm<EndUserSessionsInput>({ resolver: zodResolver(endUserSessionsSchema), defaultValues: { userId, reason: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setSuccess(null);
    const result = await endUserSessionsAction(values);
    if (result.ok) {
      const n = result.data.ended;
      setSuccess(n === 0 ? "Aucune session n'était ouverte." : `${n} session${n > 1 ? "s ont été fermées" : " a été fermée"} : ${personName} doit se reconnecter.`);
      form.reset({ userId, reason: "" });
      router.refresh();
    } else {
      setError(result.error);
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as keyof EndUserSessionsInput, { message: messages[0] });
      }
    }
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="fin-sessions-titre">
      <h2 id="fin-sessions-titre" className="fr-h4">
        Mettre fin aux sessions de {personName}
      </h2>
      {error ? <Alert small severity="error" description={error} className="fr-mb-2w" /> : null}
      {success ? <Alert small severity="success" description={success} className="fr-mb-2w" /> : null}
      <input type="hidden" {...form.register("userId")} />
      <Input
        label="Motif"
        hintText="Par exemple : poste perdu, départ de l'administration (conservé dans le journal d'audit)"
        textArea
        state={errors.reason ? "error" : "default"}
        stateRelatedMessage={errors.reason?.message}
        nativeTextAreaProps={form.register("reason")}
      />
      <Button type="submit" priority="secondary" disabled={form.formState.isSubmitting}>
        Mettre fin à ses sessions
      </Button>
    </form>
  );
}

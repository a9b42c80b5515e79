"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { correctAdministrationAction } from "../actions";
import { correctAdministrationSchema, type CorrectAdministrationInput } from "../schemas";

export function CorrectAdministrationForm({
  administrations,
  currentId,
}: {
  administrations: { id: string; name: string }[];
  currentId: string | null;
}) {
  const [message, setMessage] = useState<{ severity: "success" | "error"; text: string } | null>(null);
  const form = useForm<CorrectAdministrationInput>({
    resolver: zodResolver(correctAdministrationSchema),
    defaultValues: { administrationId: currentId ?? "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await correctAdministrationAction(values);
    if (result.ok) {
      setMessage({ severity: "success", text: `Votre administration est désormais : ${result.data.name}.` });
    } else {
      setMessage({ severity: "error", text: result.error });
      for (const [field, errors] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as keyof CorrectAdministrationInput, { message: errors[0] });
      }
    }
  });
  const error = form.formState.errors.administrationId?.message;
  return (
    <form onSubmit={onSubmit} noValidate>
      {message ? <Alert small severity={message.severity} description={message.text} className="fr-mb-2w" /> : null}
      <Select
        label="Mon administration"
        hint="Si ProConnect ne donne pas la bonne, choisissez la vôtre : elle sera conservée."
        state={error ? "error" : "default"}
        stateRelatedMessage={error}
        nativeSelectProps={form.register("administrationId")}
      >
        <option value="" disabled>
          Choisir une administration
        </option>
        {administrations.map((administration) => (
          <option key={administration.id} value={administration.id}>
            {administration.name}
          </option>
        ))}
      </Select>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        Enregistrer
      </Button>
    </form>
  );
}

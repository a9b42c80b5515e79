"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { deleteMyAccountAction } from "../actions";
import { deleteAccountSchema, type DeleteAccountInput } from "../schemas";

export function DeleteAccountForm() {
  const [error, setError] = useState<string | null>(null);
  const form = useForm<DeleteAccountInput>({ resolver: zodResolver(deleteAccountSchema), defaultValues: { confirmation: false as unknown as true } });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await deleteMyAccountAction(values);
    // A full page load: the header and every cached page forget the person.
    if (result.ok) window.location.assign("/compte-supprime");
    else setError(result.error);
  });
  const fieldError = form.formState.errors.confirmation?.message;
  return (
    <form onSubmit={onSubmit} noValidate>
      {error ? <Alert severity="error" small description={error} className="fr-mb-2w" role="alert" /> : null}
      <Checkbox
        state={fieldError ? "error" : "default"}
        stateRelatedMessage={fieldError}
        options={[
          {
            label: "Je comprends que la suppression de mon compte est définitive",
            hintText: "Mon profil, mes candidatures en cours et mes notifications seront effacés ; rien ne pourra être restauré.",
            nativeInputProps: form.register("confirmation"),
          },
        ]}
      />
      <Button type="submit" priority="primary" iconId="fr-icon-delete-line" disabled={form.formState.isSubmitting}>
        Supprimer définitivement mon compte
      </Button>
    </form>
  );
}

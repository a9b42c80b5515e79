"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { requestAdministrationCorrectionAction } from "../actions";
import { requestAdministrationCorrectionSchema, type RequestAdministrationCorrectionInput } from "../schemas";

export function RequestCorrectionForm({ administrations }: { administrations: { id: string; name: string }[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ severity: "success" | "error"; text: string } | null>(null);
  const form = useForm<RequestAdministrationCorrectionInput>({
    resolver: zodResolver(requestAdministrationCorrectionSchema),
    defaultValues: { administrationId: "", siret: "", name: "", reason: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await requestAdministrationCorrectionAction(values);
    if (result.ok) {
      setMessage({
        severity: "success",
        text: "Demande envoyée à l'équipe DINUM. Votre administration ne change qu'après son approbation ; la réponse vous parviendra dans l'application et par courriel.",
      });
      form.reset();
      router.refresh();
    } else {
      setMessage({ severity: "error", text: result.error });
      for (const [field, errors] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as keyof RequestAdministrationCorrectionInput, { message: errors[0] });
      }
    }
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate>
      {message ? <Alert small severity={message.severity} description={message.text} className="fr-mb-2w" /> : null}
      <Select
        label="Administration demandée"
        hint="Choisissez-la dans la liste ; si elle n'y est pas, indiquez son SIRET ci-dessous."
        state={errors.administrationId ? "error" : "default"}
        stateRelatedMessage={errors.administrationId?.message}
        nativeSelectProps={form.register("administrationId")}
      >
        <option value="">Elle n&apos;est pas dans la liste</option>
        {administrations.map((administration) => (
          <option key={administration.id} value={administration.id}>
            {administration.name}
          </option>
        ))}
      </Select>
      <Input
        label="SIRET de l'administration (si elle n'est pas dans la liste)"
        hintText="14 chiffres, sans espace : par exemple celui du service où vous travaillez, au sein d'un ensemble plus grand."
        state={errors.siret ? "error" : "default"}
        stateRelatedMessage={errors.siret?.message}
        nativeInputProps={{ inputMode: "numeric", autoComplete: "off", ...form.register("siret") }}
      />
      <Input
        label="Nom de cette administration (si elle n'est pas dans la liste)"
        state={errors.name ? "error" : "default"}
        stateRelatedMessage={errors.name?.message}
        nativeInputProps={form.register("name")}
      />
      <Input
        label="Pourquoi cette correction ?"
        hintText="Par exemple : ProConnect donne le SIRET du ministère, je travaille à la préfecture."
        textArea
        state={errors.reason ? "error" : "default"}
        stateRelatedMessage={errors.reason?.message}
        nativeTextAreaProps={{ rows: 3, ...form.register("reason") }}
      />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        Demander la correction
      </Button>
    </form>
  );
}

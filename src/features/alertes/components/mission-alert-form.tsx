"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { setMissionAlertAction } from "../actions";
import { missionAlertSchema, type MissionAlertInput } from "../schemas";

/** The agent's opt-in to the weekly email of new missions that fit them. */
export function MissionAlertForm({ active }: { active: boolean }) {
  const [message, setMessage] = useState<{ severity: "success" | "error"; text: string } | null>(null);
  const form = useForm<MissionAlertInput>({ resolver: zodResolver(missionAlertSchema), defaultValues: { active } });
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await setMissionAlertAction(values);
    if (result.ok) {
      setMessage({
        severity: "success",
        text: result.data.active
          ? "C'est noté : vous recevrez chaque semaine les nouvelles missions qui vous correspondent."
          : "C'est noté : vous ne recevrez plus l'alerte des nouvelles missions.",
      });
    } else {
      setMessage({ severity: "error", text: result.error });
    }
  });
  const error = form.formState.errors.active?.message;
  return (
    <form onSubmit={onSubmit} noValidate>
      {message ? <Alert small severity={message.severity} description={message.text} className="fr-mb-2w" role="status" /> : null}
      <Checkbox
        state={error ? "error" : "default"}
        stateRelatedMessage={error}
        options={[
          {
            label: "Recevoir chaque semaine par courriel les nouvelles missions qui me correspondent",
            hintText: "Seulement les bonnes et possibles correspondances, jamais deux fois la même. Un lien dans chaque courriel permet d'arrêter.",
            nativeInputProps: form.register("active"),
          },
        ]}
      />
      <Button type="submit" priority="secondary" disabled={form.formState.isSubmitting}>
        Enregistrer mon choix
      </Button>
    </form>
  );
}

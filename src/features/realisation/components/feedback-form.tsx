"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { leaveFeedbackAction } from "../actions";
import { feedbackSchema, type FeedbackInput } from "../schemas";

/** Short feedback and the mission's skills the demandeur attests the agent used. */
export function FeedbackForm({ candidateId, skills, initial }: { candidateId: string; skills: string[]; initial: { feedback: string; attestedSkills: string[] } }) {
  const [message, setMessage] = useState<{ severity: "success" | "error"; text: string } | null>(null);
  const form = useForm<FeedbackInput>({ resolver: zodResolver(feedbackSchema), defaultValues: { candidateId, ...initial } });
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await leaveFeedbackAction(values);
    setMessage(result.ok ? { severity: "success", text: "Merci : votre retour est enregistré." } : { severity: "error", text: result.error });
  });
  const attested = form.watch("attestedSkills");
  return (
    <form onSubmit={onSubmit} noValidate>
      {message ? <Alert small severity={message.severity} description={message.text} className="fr-mb-2w" /> : null}
      <Input
        label="Votre retour (facultatif)"
        textArea
        state={form.formState.errors.feedback ? "error" : "default"}
        stateRelatedMessage={form.formState.errors.feedback?.message}
        nativeTextAreaProps={{ rows: 3, ...form.register("feedback") }}
      />
      {skills.length ? (
        <Checkbox
          legend="Compétences mises en œuvre que vous attestez"
          options={skills.map((skill) => ({
            label: skill,
            nativeInputProps: {
              name: `competences-${candidateId}`,
              checked: attested.includes(skill),
              onChange: (event) =>
                form.setValue("attestedSkills", event.target.checked ? [...attested, skill] : attested.filter((value) => value !== skill)),
            },
          }))}
        />
      ) : null}
      <Button type="submit" size="small" priority="secondary" disabled={form.formState.isSubmitting}>
        Enregistrer le retour
      </Button>
    </form>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ConfirmAction } from "@/components/confirm/confirm-action";
import { publishMissionAction, returnMissionAction } from "../actions";
import { MISSION_LIMITS, returnMissionSchema, type ReturnMissionInput } from "../schemas";

/** DINUM's decision on a submitted mission: publish it, or return it with a comment. */
export function ModerationPanel({ missionId }: { missionId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [publishing, setPublishing] = useState(false);
  const form = useForm<ReturnMissionInput>({ resolver: zodResolver(returnMissionSchema), defaultValues: { missionId, comment: "" } });

  async function publish() {
    setPublishing(true);
    const result = await publishMissionAction({ missionId });
    if (result.ok) return router.push(`/dinum/moderation?publiee=${missionId}`);
    setPublishing(false);
    setError(result.error);
  }

  const returnToDemandeur = form.handleSubmit(async (values) => {
    const result = await returnMissionAction(values);
    if (result.ok) return router.push(`/dinum/moderation?renvoyee=${missionId}`);
    setError(result.error);
    for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (field === "comment") form.setError("comment", { type: "server", message: messages[0] });
    }
  });

  const commentError = form.formState.errors.comment?.message;
  return (
    <section aria-labelledby="decision-titre" className="fr-p-3w fr-background-alt--blue-france fr-mb-4w">
      <h2 id="decision-titre" className="fr-h4">
        Décision de modération
      </h2>
      {error ? <Alert small severity="error" description={error} className="fr-mb-2w" /> : null}
      <div className="fr-mb-3w">
        <ConfirmAction
          priority="primary"
          size="medium"
          question="Publier cette mission ? Tous les agents la verront dans le catalogue et le moteur leur proposera de s'y positionner."
          confirmLabel="Oui, publier la mission"
          onConfirm={publish}
          pending={publishing || form.formState.isSubmitting}
        >
          Publier la mission
        </ConfirmAction>
      </div>
      <form onSubmit={returnToDemandeur} noValidate>
        <Input
          label="Commentaire pour le demandeur"
          hintText="Ce qu'il faut préciser ou corriger avant publication. Le demandeur le verra dans son espace."
          textArea
          nativeTextAreaProps={{ ...form.register("comment"), rows: 4, maxLength: MISSION_LIMITS.moderationComment }}
          state={commentError ? "error" : "default"}
          stateRelatedMessage={commentError}
        />
        <Button type="submit" priority="secondary" disabled={publishing || form.formState.isSubmitting}>
          Renvoyer au demandeur pour modification
        </Button>
      </form>
    </section>
  );
}

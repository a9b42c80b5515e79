"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { withdrawConsentAction } from "../actions";
import { withdrawConsentSchema, type WithdrawConsentInput } from "../schemas";

/** « Retirer mon accord »: opens a short form asking why, then asks to confirm. */
export function WithdrawConsentForm({ candidateId, agentName, missionTitle }: { candidateId: string; agentName: string; missionTitle: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement | null>(null);
  const form = useForm<WithdrawConsentInput>({ resolver: zodResolver(withdrawConsentSchema), defaultValues: { candidateId, reason: "" } });
  const { ref: registerRef, ...reasonField } = form.register("reason");

  useEffect(() => {
    if (open) reasonRef.current?.focus();
  }, [open]);

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await withdrawConsentAction(values);
    if (result.ok) return router.refresh();
    setError(result.error);
    for (const [field, errors] of Object.entries(result.fieldErrors ?? {})) form.setError(field as keyof WithdrawConsentInput, { message: errors[0] });
  });

  if (!open) {
    return (
      <Button priority="secondary" size="small" onClick={() => setOpen(true)}>
        Retirer mon accord<span className="fr-sr-only"> pour {agentName}, mission « {missionTitle} »</span>
      </Button>
    );
  }
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="fr-mt-1w">
      {error ? <Alert small severity="error" description={error} className="fr-mb-2w" /> : null}
      <Input
        textArea
        label={`Pourquoi retirez-vous votre accord pour ${agentName} ?`}
        hintText="L'agent et l'équipe Mission Talents de la DINUM recevront ce message. L'agent ne figurera plus sur la liste du demandeur."
        state={errors.reason ? "error" : "default"}
        stateRelatedMessage={errors.reason?.message}
        nativeTextAreaProps={{
          ...reasonField,
          rows: 3,
          ref: (element) => {
            registerRef(element);
            reasonRef.current = element;
          },
        }}
      />
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
        <li>
          <Button type="submit" size="small" disabled={form.formState.isSubmitting}>
            Confirmer le retrait de mon accord
          </Button>
        </li>
        <li>
          <Button type="button" size="small" priority="tertiary" onClick={() => setOpen(false)}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { archiveMissionAction } from "../actions";
import { MISSION_LIMITS, archiveMissionSchema, type ArchiveMissionInput } from "../schemas";

/** Withdraws a mission for good, with the reason kept in the audit log. */
export function ArchiveMissionForm({ missionId, redirectTo }: { missionId: string; redirectTo: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ArchiveMissionInput>({ resolver: zodResolver(archiveMissionSchema), defaultValues: { missionId, reason: "" } });

  const archive = form.handleSubmit(async (values) => {
    const result = await archiveMissionAction(values);
    if (result.ok) {
      router.push(redirectTo);
      router.refresh();
      return;
    }
    setError(result.error);
    const reasonError = result.fieldErrors?.reason?.[0];
    if (reasonError) form.setError("reason", { type: "server", message: reasonError });
  });

  if (!open) {
    return (
      <Button priority="tertiary" iconId="fr-icon-archive-line" onClick={() => setOpen(true)}>
        Archiver la mission
      </Button>
    );
  }
  const reasonError = form.formState.errors.reason?.message;
  return (
    <form onSubmit={archive} noValidate className="fr-mt-2w">
      {error ? <Alert small severity="error" description={error} className="fr-mb-2w" /> : null}
      <Input
        label="Motif de l'archivage"
        hintText="La mission ne sera plus proposée aux agents. Ce motif est conservé dans le journal."
        textArea
        nativeTextAreaProps={{ ...form.register("reason"), rows: 2, maxLength: MISSION_LIMITS.archiveReason, autoFocus: true }}
        state={reasonError ? "error" : "default"}
        stateRelatedMessage={reasonError}
      />
      <Button type="submit" priority="secondary" disabled={form.formState.isSubmitting} className="fr-mr-2w">
        Confirmer l&apos;archivage
      </Button>
      <Button type="button" priority="tertiary" onClick={() => setOpen(false)}>
        Annuler
      </Button>
    </form>
  );
}

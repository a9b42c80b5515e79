"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { plural } from "@/lib/format-fr";
import { declareHoursAction } from "../actions";
import { declareHoursSchema, type DeclareHoursInput } from "../schemas";

export function DeclareHoursForm({ candidateId, declaredHours }: { candidateId: string; declaredHours: number | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [declared, setDeclared] = useState<number | null>(null);
  const form = useForm<DeclareHoursInput>({
    resolver: zodResolver(declareHoursSchema),
    defaultValues: { candidateId, hours: declaredHours ?? "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setDeclared(null);
    const result = await declareHoursAction(values);
    if (result.ok) {
      setDeclared(Number(values.hours));
      router.refresh();
    } else {
      setError(result.error);
      if (result.fieldErrors?.hours) form.setError("hours", { message: result.fieldErrors.hours[0] });
    }
  });
  const hoursError = form.formState.errors.hours?.message;
  return (
    <form onSubmit={onSubmit} noValidate>
      {error ? <Alert small severity="error" description={error} className="fr-mb-2w" /> : null}
      <div role="status">
        {declared !== null ? (
          <Alert
            small
            severity="success"
            description={`${plural(declared, "heure déclarée", "heures déclarées")}. L'administration demandeuse va les confirmer ; vous pouvez encore les modifier d'ici là.`}
            className="fr-mb-2w"
          />
        ) : null}
      </div>
      <Input
        label="Heures passées sur la mission"
        hintText="Elles seront confirmées par l'administration demandeuse."
        state={hoursError ? "error" : "default"}
        stateRelatedMessage={hoursError}
        nativeInputProps={{ type: "number", inputMode: "numeric", min: 1, ...form.register("hours") }}
      />
      <Button type="submit" size="small" disabled={form.formState.isSubmitting}>
        {declaredHours ? "Modifier ma déclaration" : "Déclarer mes heures"}
      </Button>
    </form>
  );
}

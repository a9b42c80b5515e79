"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useForm, type FieldPath } from "react-hook-form";
import { FAMILLES } from "@/lib/matching/referentiel/familles";
import { createConceptAction, updateConceptAction } from "../actions";
import { CONCEPT_LABEL_MAX, conceptSchema, type ConceptFormValues, type ConceptInput } from "../schemas";
import { conceptHref } from "../urls";

type Message = { severity: "success" | "error"; text: string };

/** Creates a concept (no id) or edits one; synonyms, acronyms and English terms one per line. */
export function ConceptForm({ conceptId, initialValues, created = false }: { conceptId?: string; initialValues: ConceptFormValues; created?: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<Message | null>(created ? { severity: "success", text: "Le concept est créé." } : null);
  const messageRef = useRef<HTMLDivElement>(null);
  const form = useForm<ConceptFormValues, unknown, ConceptInput>({ resolver: zodResolver(conceptSchema), defaultValues: initialValues });
  const { errors } = form.formState;

  function show(next: Message) {
    setMessage(next);
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  const onSubmit = form.handleSubmit(
    async () => {
      // The action parses the text as typed (one term per line) with the same schema.
      const typed = form.getValues();
      const result = conceptId ? await updateConceptAction({ ...typed, id: conceptId }) : await createConceptAction(typed);
      if (result.ok) {
        if (!conceptId) {
          router.push(`${conceptHref(result.data.id)}?cree=1`);
          return;
        }
        show({ severity: "success", text: `Le concept « ${result.data.label} » est enregistré.` });
        router.refresh();
        return;
      }
      for (const [field, fieldMessages] of Object.entries(result.fieldErrors ?? {})) {
        if (field === "_form" || field === "id") continue;
        form.setError(field as FieldPath<ConceptFormValues>, { type: "server", message: fieldMessages[0] });
      }
      show({ severity: "error", text: result.error });
    },
    () => show({ severity: "error", text: "Le formulaire contient des erreurs : corrigez les champs signalés." }),
  );

  const termsHint = "Un terme par ligne. Accents et majuscules n’ont pas d’importance pour la recherche.";
  return (
    <form onSubmit={onSubmit} noValidate>
      <div ref={messageRef} tabIndex={-1} className="fr-mb-3w">
        {message ? <Alert small severity={message.severity} description={message.text} /> : null}
      </div>
      <Input
        label="Libellé"
        hintText={conceptId ? `Identifiant : ${conceptId} (il ne change pas, les profils et missions s’y réfèrent).` : "L’identifiant sera tiré du libellé."}
        state={errors.label ? "error" : "default"}
        stateRelatedMessage={errors.label?.message}
        nativeInputProps={{ ...form.register("label"), maxLength: CONCEPT_LABEL_MAX + 20 }}
      />
      <Select
        label="Famille"
        hint="Une compétence de la même famille compte en partie dans l’appariement."
        state={errors.family ? "error" : "default"}
        stateRelatedMessage={errors.family?.message}
        nativeSelectProps={form.register("family")}
      >
        <option value="" disabled>
          Choisir une famille
        </option>
        {FAMILLES.map((family) => (
          <option key={family.id} value={family.id}>
            {family.label}
          </option>
        ))}
      </Select>
      <Input
        label="Synonymes et variantes"
        hintText={termsHint}
        textArea
        state={errors.synonyms ? "error" : "default"}
        stateRelatedMessage={errors.synonyms?.message}
        nativeTextAreaProps={{ ...form.register("synonyms"), rows: 6 }}
      />
      <Input
        label="Sigles"
        hintText={termsHint}
        textArea
        state={errors.acronyms ? "error" : "default"}
        stateRelatedMessage={errors.acronyms?.message}
        nativeTextAreaProps={{ ...form.register("acronyms"), rows: 3 }}
      />
      <Input
        label="Termes anglais"
        hintText={termsHint}
        textArea
        state={errors.english ? "error" : "default"}
        stateRelatedMessage={errors.english?.message}
        nativeTextAreaProps={{ ...form.register("english"), rows: 3 }}
      />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {conceptId ? "Enregistrer le concept" : "Créer le concept"}
      </Button>
    </form>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { addAgentAction, searchAgentsAction } from "../actions";
import { OVERRIDE_REASON_LIMITS, addAgentSchema, searchAgentsSchema, type AddAgentInput, type SearchAgentsInput } from "../schemas";
import type { AgentSearchResult } from "../types";

/** DINUM adds an agent the engine did not suggest: search by name, email or administration, then say why. */
export function AddAgentForm({ missionId }: { missionId: string }) {
  const router = useRouter();
  const [results, setResults] = useState<AgentSearchResult[] | null>(null);
  const [message, setMessage] = useState<{ severity: "success" | "error"; text: string } | null>(null);
  const search = useForm<SearchAgentsInput>({ resolver: zodResolver(searchAgentsSchema), defaultValues: { missionId, query: "" } });
  const add = useForm<AddAgentInput>({ resolver: zodResolver(addAgentSchema), defaultValues: { missionId, reason: "" } });

  const runSearch = search.handleSubmit(async (values) => {
    setMessage(null);
    const result = await searchAgentsAction(values);
    if (result.ok) {
      setResults(result.data);
      add.reset({ missionId, reason: add.getValues("reason") });
      return;
    }
    setMessage({ severity: "error", text: result.error });
    const queryError = result.fieldErrors?.query?.[0];
    if (queryError) search.setError("query", { type: "server", message: queryError });
  });

  const addChosen = add.handleSubmit(async (values) => {
    const result = await addAgentAction(values);
    if (result.ok) {
      const name = results?.find((agent) => agent.agentId === values.agentId)?.displayName ?? "L'agent";
      setMessage({ severity: "success", text: `${name} : ajout à la liste fait, après les autres candidats.` });
      setResults(null);
      search.reset({ missionId, query: "" });
      add.reset({ missionId, reason: "" });
      router.refresh();
      return;
    }
    setMessage({ severity: "error", text: result.error });
    for (const field of ["agentId", "reason"] as const) {
      const fieldError = result.fieldErrors?.[field]?.[0];
      if (fieldError) add.setError(field, { type: "server", message: fieldError });
    }
  });

  const queryError = search.formState.errors.query?.message;
  const agentError = add.formState.errors.agentId?.message;
  const reasonError = add.formState.errors.reason?.message;
  return (
    <section aria-labelledby="ajout-agent-titre" className="fr-mt-6w fr-col-12 fr-col-md-8">
      <h2 id="ajout-agent-titre">Ajouter un agent à la main</h2>
      <div role="status" aria-live="polite">
        {message ? <Alert small severity={message.severity} description={message.text} className="fr-mb-2w" /> : null}
      </div>
      <form onSubmit={runSearch} noValidate role="search" aria-label="Rechercher un agent à ajouter">
        <Input
          label="Rechercher un agent"
          hintText="Nom, courriel ou administration ; seuls les agents qui ont un profil de talents apparaissent (20 au plus)."
          nativeInputProps={{ ...search.register("query"), type: "search", maxLength: 100 }}
          state={queryError ? "error" : "default"}
          stateRelatedMessage={queryError}
        />
        <Button type="submit" priority="secondary" disabled={search.formState.isSubmitting}>
          Rechercher
        </Button>
      </form>

      {results && results.length === 0 ? <p className="fr-mt-2w">Aucun agent avec un profil ne correspond à cette recherche.</p> : null}
      {results && results.length > 0 ? (
        <form onSubmit={addChosen} noValidate className="fr-mt-3w">
          <fieldset
            className={`fr-fieldset ${agentError ? "fr-fieldset--error" : ""}`}
            aria-labelledby="ajout-agent-resultats"
            aria-describedby={agentError ? "ajout-agent-erreur" : undefined}
          >
            <legend id="ajout-agent-resultats" className="fr-fieldset__legend">
              {results.length} agent{results.length > 1 ? "s" : ""} trouvé{results.length > 1 ? "s" : ""} : choisissez celui à ajouter
            </legend>
            {results.map((agent) => (
              <div key={agent.agentId} className="fr-fieldset__element">
                <div className="fr-radio-group">
                  <input
                    type="radio"
                    id={`ajout-${agent.agentId}`}
                    value={agent.agentId}
                    disabled={agent.alreadyCandidate}
                    {...add.register("agentId")}
                  />
                  <label className="fr-label" htmlFor={`ajout-${agent.agentId}`}>
                    {agent.displayName} — {agent.administration ?? "Administration non renseignée"}
                    <span className="fr-hint-text">
                      {agent.email}
                      {agent.alreadyCandidate ? " · déjà dans la liste" : ""}
                    </span>
                  </label>
                </div>
              </div>
            ))}
            {agentError ? (
              <div className="fr-messages-group" id="ajout-agent-erreur" aria-live="polite">
                <p className="fr-message fr-message--error">{agentError}</p>
              </div>
            ) : null}
          </fieldset>
          <Input
            label="Raison de l'ajout"
            hintText={`Elle est gardée dans le journal d'audit (${OVERRIDE_REASON_LIMITS.min} à ${OVERRIDE_REASON_LIMITS.max} caractères).`}
            textArea
            nativeTextAreaProps={{ ...add.register("reason"), rows: 2, maxLength: OVERRIDE_REASON_LIMITS.max }}
            state={reasonError ? "error" : "default"}
            stateRelatedMessage={reasonError}
          />
          <Button type="submit" disabled={add.formState.isSubmitting}>
            Ajouter à la liste
          </Button>
        </form>
      ) : null}
    </section>
  );
}

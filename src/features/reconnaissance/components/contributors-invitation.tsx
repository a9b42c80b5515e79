"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { inviteToEventAction } from "../actions";
import { EVENT_LIMITS, inviteToEventSchema, type InviteToEventInput } from "../schemas";
import type { Contributor } from "../service";
import { BadgeList } from "./badge-list";
import { TableFrame } from "@/components/table/table-frame";

const FIELDS = ["userIds", "eventName", "eventDate", "place", "message"] as const;
const names = (people: { displayName: string }[]) => people.map((person) => person.displayName).join(", ");

/** The ranking, whose rows DINUM ticks, and the event they are invited to. */
export function ContributorsInvitation({ contributors, periodLabel }: { contributors: Contributor[]; periodLabel: string }) {
  const router = useRouter();
  const [messages, setMessages] = useState<{ severity: "success" | "info" | "error"; text: string }[]>([]);
  const form = useForm<InviteToEventInput>({
    resolver: zodResolver(inviteToEventSchema),
    defaultValues: { userIds: [], eventName: "", eventDate: "", place: "", message: "" },
  });
  const selected = form.watch("userIds");
  const errors = form.formState.errors;
  const selectionError = errors.userIds?.message ?? errors.userIds?.root?.message;

  const toggle = (userId: string, checked: boolean) =>
    form.setValue("userIds", checked ? [...selected, userId] : selected.filter((id) => id !== userId), { shouldValidate: form.formState.isSubmitted });
  const allSelected = contributors.length > 0 && selected.length === contributors.length;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessages([]);
    const result = await inviteToEventAction(values);
    if (!result.ok) {
      setMessages([{ severity: "error", text: result.error }]);
      for (const field of FIELDS) {
        const fieldError = result.fieldErrors?.[field]?.[0];
        if (fieldError) form.setError(field, { type: "server", message: fieldError });
      }
      return;
    }
    const { invited, alreadyInvited } = result.data;
    setMessages([
      ...(invited.length ? [{ severity: "success" as const, text: `Invitation envoyée à ${names(invited)}.` }] : []),
      ...(alreadyInvited.length
        ? [{ severity: "info" as const, text: `Invitation déjà envoyée pour cet événement, rien n’a été renvoyé : ${names(alreadyInvited)}.` }]
        : []),
    ]);
    // The event stays filled in, so that DINUM can invite other people to it.
    form.setValue("userIds", []);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Choisir et inviter des contributeurs">
      <TableFrame label={"Meilleurs contributeurs"} className="fr-table--bordered">
              <table>
                <caption>Meilleurs contributeurs, {periodLabel}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="fr-cell--fixed">
                      <div className="fr-checkbox-group fr-checkbox-group--sm">
                        <input
                          type="checkbox"
                          id="contributeurs-tous"
                          checked={allSelected}
                          onChange={(event) => form.setValue("userIds", event.target.checked ? contributors.map((row) => row.userId) : [])}
                        />
                        <label className="fr-label" htmlFor="contributeurs-tous">
                          <span className="fr-sr-only">Sélectionner tous les contributeurs</span>
                        </label>
                      </div>
                    </th>
                    <th scope="col">Rang</th>
                    <th scope="col">Agent</th>
                    <th scope="col">Administration</th>
                    <th scope="col">Heures confirmées</th>
                    <th scope="col">Missions</th>
                    <th scope="col">Badges</th>
                  </tr>
                </thead>
                <tbody>
                  {contributors.map((row, index) => (
                    <tr key={row.userId}>
                      <th scope="row" className="fr-cell--fixed">
                        <div className="fr-checkbox-group fr-checkbox-group--sm">
                          <input
                            type="checkbox"
                            id={`inviter-${row.userId}`}
                            checked={selected.includes(row.userId)}
                            onChange={(event) => toggle(row.userId, event.target.checked)}
                          />
                          <label className="fr-label" htmlFor={`inviter-${row.userId}`}>
                            <span className="fr-sr-only">Inviter {row.displayName}</span>
                          </label>
                        </div>
                      </th>
                      <td>{index + 1}</td>
                      <td>
                        {row.displayName}
                        <br />
                        <span className="fr-text--xs">{row.email}</span>
                      </td>
                      <td>
                        {row.administrationName ?? "Non renseignée"}
                        {row.ministry ? (
                          <>
                            <br />
                            <span className="fr-text--xs">{row.ministry}</span>
                          </>
                        ) : null}
                      </td>
                      <td>{row.hours} h</td>
                      <td>{row.missions}</td>
                      <td>
                        <BadgeList badges={row.badges} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
</TableFrame>
      {selectionError ? (
        <div className="fr-messages-group" aria-live="polite">
          <p className="fr-message fr-message--error" id="contributeurs-selection-erreur">
            {selectionError}
          </p>
        </div>
      ) : null}

      <fieldset className="fr-fieldset fr-mt-4w fr-col-12 fr-col-md-8" aria-labelledby="inviter-titre">
        <legend className="fr-fieldset__legend">
          <h2 id="inviter-titre" className="fr-h4 fr-mb-0">
            Inviter à un événement
          </h2>
          <span className="fr-hint-text">
            {selected.length === 0
              ? "Cochez les contributeurs à inviter dans le tableau."
              : `${selected.length} contributeur${selected.length > 1 ? "s" : ""} sélectionné${selected.length > 1 ? "s" : ""}.`}{" "}
            Chacun reçoit un courriel et une notification ; une personne déjà invitée au même événement (même nom, même date) ne l’est pas deux fois.
          </span>
        </legend>
        <div className="fr-fieldset__element">
          <Input
            label="Nom de l’événement"
            nativeInputProps={{ ...form.register("eventName"), maxLength: EVENT_LIMITS.name.max }}
            state={errors.eventName ? "error" : "default"}
            stateRelatedMessage={errors.eventName?.message}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label="Date"
            nativeInputProps={{ ...form.register("eventDate"), type: "date" }}
            state={errors.eventDate ? "error" : "default"}
            stateRelatedMessage={errors.eventDate?.message}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label="Lieu"
            hintText="Adresse, ou « en ligne »."
            nativeInputProps={{ ...form.register("place"), maxLength: EVENT_LIMITS.place.max }}
            state={errors.place ? "error" : "default"}
            stateRelatedMessage={errors.place?.message}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label="Message (facultatif)"
            hintText="Quelques mots ajoutés au courriel d’invitation."
            textArea
            nativeTextAreaProps={{ ...form.register("message"), rows: 3, maxLength: EVENT_LIMITS.message.max }}
            state={errors.message ? "error" : "default"}
            stateRelatedMessage={errors.message?.message}
          />
        </div>
        <div className="fr-fieldset__element">
          <Button type="submit" disabled={form.formState.isSubmitting}>
            Envoyer les invitations
          </Button>
        </div>
      </fieldset>
      <div role="status" aria-live="polite">
        {messages.map((message) => (
          <Alert key={message.text} small severity={message.severity} description={message.text} className="fr-mb-2w" />
        ))}
      </div>
    </form>
  );
}

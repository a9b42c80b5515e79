"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Tag } from "@codegouvfr/react-dsfr/Tag";
import { useRouter } from "next/navigation";
import { useRef, useState, type KeyboardEvent } from "react";
import { useFieldArray, useForm, type FieldPath } from "react-hook-form";
import { TagPicker } from "@/features/referentiel/components/tag-picker";
import { saveProfileAction } from "../actions";
import {
  PLACES_MAX,
  PRESENTATION_MAX,
  RHYTHMS,
  RHYTHM_LABELS,
  SKILL_LEVELS,
  SKILL_LEVEL_LABELS,
  VISIBILITIES,
  VISIBILITY_LABELS,
  WORK_MODES,
  WORK_MODE_LABELS,
  profileSchema,
  type ProfileInput,
  type ProfileValues,
} from "../schemas";

type Message = { severity: "success" | "error"; title: string; text: string };

/** First error of a field, whether zod put it on the field itself or on an array's root. */
function errorText(error: { message?: string; root?: { message?: string } } | undefined): string | undefined {
  return error?.message ?? error?.root?.message;
}

export function ProfileForm({ initialValues }: { initialValues: ProfileInput }) {
  const router = useRouter();
  const [message, setMessage] = useState<Message | null>(null);
  const [placeDraft, setPlaceDraft] = useState("");
  const messageRef = useRef<HTMLDivElement>(null);
  const form = useForm<ProfileInput, unknown, ProfileValues>({
    resolver: zodResolver(profileSchema),
    defaultValues: initialValues,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const { register, formState, watch, setValue, setError, clearErrors } = form;
  const errors = formState.errors;
  const skills = useFieldArray({ control: form.control, name: "skills" });
  const places = watch("places");
  const workMode = watch("workMode");
  const presentationLength = watch("presentation")?.length ?? 0;

  function showMessage(next: Message) {
    setMessage(next);
    // The message is announced and brought into view, then the user goes on from there.
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  const onSubmit = form.handleSubmit(
    async (values) => {
      setMessage(null);
      const result = await saveProfileAction(values);
      if (result.ok) {
        form.reset(result.data.values);
        // Refreshes the « dernier enregistrement » date; the form keeps its own state.
        router.refresh();
        showMessage({ severity: "success", title: "Profil enregistré", text: "Votre profil est enregistré : les missions proposées en tiendront compte." });
        return;
      }
      for (const [field, fieldMessages] of Object.entries(result.fieldErrors ?? {})) {
        if (field === "_form") continue;
        setError(field as FieldPath<ProfileInput>, { type: "server", message: fieldMessages[0] });
      }
      showMessage({ severity: "error", title: "Profil non enregistré", text: result.error });
    },
    () => {
      showMessage({
        severity: "error",
        title: "Profil non enregistré",
        text: "Le formulaire contient des erreurs : corrigez les champs signalés. Vos saisies sont conservées.",
      });
    },
  );

  function addPlace() {
    const place = placeDraft.trim().replace(/\s+/g, " ");
    if (!place) return;
    const current = form.getValues("places");
    if (current.some((existing) => existing.toLocaleLowerCase("fr") === place.toLocaleLowerCase("fr"))) {
      setPlaceDraft("");
      return;
    }
    if (current.length >= PLACES_MAX) {
      setError("places", { type: "manual", message: `${PLACES_MAX} lieux au plus.` });
      return;
    }
    setValue("places", [...current, place], { shouldDirty: true, shouldValidate: formState.isSubmitted });
    setPlaceDraft("");
  }

  function onPlaceKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      addPlace();
    }
  }

  const skillsError = errorText(errors.skills);
  const placesError = errorText(errors.places);
  const chosenConceptIds = skills.fields.flatMap((skill) => (skill.conceptId ? [skill.conceptId] : []));

  return (
    <form onSubmit={onSubmit} noValidate aria-describedby="profil-obligatoire">
      <div ref={messageRef} tabIndex={-1} className="fr-mb-3w">
        {message ? <Alert severity={message.severity} title={message.title} description={message.text} /> : null}
      </div>
      <p id="profil-obligatoire" className="fr-text--sm">
        Tous les champs sont obligatoires, sauf mention contraire.
      </p>

      <fieldset className="fr-fieldset" aria-labelledby="profil-competences-legend">
        <legend className="fr-fieldset__legend" id="profil-competences-legend">
          <h2 className="fr-h4 fr-mb-0">Mes compétences</h2>
        </legend>
        <div className="fr-fieldset__element">
          <TagPicker
            id="profil-competence"
            label="Ajouter une compétence"
            hint="Tapez quelques lettres (par exemple « sécurité », « WordPress », « marchés publics »), puis choisissez avec les flèches et Entrée. Une compétence absente du référentiel peut être ajoutée telle quelle."
            excludeConceptIds={chosenConceptIds}
            errorMessage={skillsError}
            onPick={(tag) => {
              const duplicate = form
                .getValues("skills")
                .some((skill) => (tag.conceptId ? skill.conceptId === tag.conceptId : skill.label.toLocaleLowerCase("fr") === tag.label.toLocaleLowerCase("fr")));
              if (duplicate) return;
              skills.append({ label: tag.label, conceptId: tag.conceptId, level: "autonome" }, { shouldFocus: false });
              clearErrors("skills");
            }}
          />
        </div>
        <div className="fr-fieldset__element">
          {skills.fields.length === 0 ? (
            <p className="fr-text--sm fr-mb-0">Aucune compétence pour l’instant.</p>
          ) : (
            <ul className="fr-raw-list" aria-label="Compétences choisies">
              {skills.fields.map((skill, index) => {
                const levelError = errors.skills?.[index]?.level?.message;
                const labelError = errors.skills?.[index]?.label?.message;
                const levelId = `profil-competence-niveau-${index}`;
                return (
                  <li key={skill.id} className="fr-grid-row fr-grid-row--middle fr-grid-row--gutters fr-mb-1w">
                    <div className="fr-col-12 fr-col-md-6">
                      <span className="fr-text--bold">{skill.label}</span>{" "}
                      {skill.conceptId ? (
                        <Badge small noIcon severity="info">
                          Référentiel
                        </Badge>
                      ) : (
                        <Badge small noIcon>
                          Compétence libre
                        </Badge>
                      )}
                      {labelError ? <p className="fr-error-text fr-mt-1v">{labelError}</p> : null}
                    </div>
                    <div className="fr-col-8 fr-col-md-3">
                      <div className={`fr-select-group fr-mb-0 ${levelError ? "fr-select-group--error" : ""}`}>
                        <label className="fr-label fr-sr-only" htmlFor={levelId}>
                          Niveau en « {skill.label} »
                        </label>
                        <select
                          id={levelId}
                          className={`fr-select ${levelError ? "fr-select--error" : ""}`}
                          aria-describedby={levelError ? `${levelId}-erreur` : undefined}
                          {...register(`skills.${index}.level`)}
                        >
                          {SKILL_LEVELS.map((level) => (
                            <option key={level} value={level}>
                              {SKILL_LEVEL_LABELS[level]}
                            </option>
                          ))}
                        </select>
                        {levelError ? (
                          <p className="fr-error-text" id={`${levelId}-erreur`}>
                            {levelError}
                          </p>
                        ) : null}
                      </div>
                    </div>
                    <div className="fr-col-4 fr-col-md-3">
                      <Button
                        type="button"
                        priority="tertiary"
                        size="small"
                        iconId="fr-icon-delete-line"
                        onClick={() => skills.remove(index)}
                        nativeButtonProps={{ "aria-label": `Retirer la compétence « ${skill.label} »` }}
                      >
                        Retirer
                      </Button>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <div className="fr-fieldset__element">
          <Input
            label="Présentation de mon expérience"
            hintText={`Ce que vous avez fait, dans quel contexte, ce que vous aimeriez transmettre. ${presentationLength} / ${PRESENTATION_MAX} caractères.`}
            textArea
            state={errors.presentation ? "error" : "default"}
            stateRelatedMessage={errors.presentation?.message}
            nativeTextAreaProps={{ ...register("presentation"), rows: 8, maxLength: PRESENTATION_MAX + 200 }}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="profil-disponibilites-legend">
        <legend className="fr-fieldset__legend" id="profil-disponibilites-legend">
          <h2 className="fr-h4 fr-mb-0">Mes disponibilités</h2>
        </legend>
        <div className="fr-fieldset__element">
          <Input
            label="Heures disponibles par mois"
            hintText="Entre 1 et 80 heures, avec l’accord de votre responsable."
            state={errors.hoursPerMonth ? "error" : "default"}
            stateRelatedMessage={errors.hoursPerMonth?.message}
            nativeInputProps={{ ...register("hoursPerMonth", { valueAsNumber: true }), type: "number", min: 1, max: 80, step: 1, inputMode: "numeric" }}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Disponible à partir du (facultatif)"
            state={errors.availableFrom ? "error" : "default"}
            stateRelatedMessage={errors.availableFrom?.message}
            nativeInputProps={{ ...register("availableFrom"), type: "date" }}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Jusqu’au (facultatif)"
            state={errors.availableUntil ? "error" : "default"}
            stateRelatedMessage={errors.availableUntil?.message}
            nativeInputProps={{ ...register("availableUntil"), type: "date" }}
          />
        </div>
        <div className="fr-fieldset__element">
          <RadioButtons
            legend="Rythme souhaité"
            name="rhythm"
            state={errors.rhythm ? "error" : "default"}
            stateRelatedMessage={errors.rhythm?.message}
            options={RHYTHMS.map((rhythm) => ({
              label: RHYTHM_LABELS[rhythm],
              nativeInputProps: { ...register("rhythm"), value: rhythm },
            }))}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="profil-lieu-legend">
        <legend className="fr-fieldset__legend" id="profil-lieu-legend">
          <h2 className="fr-h4 fr-mb-0">À distance ou sur site</h2>
        </legend>
        <div className="fr-fieldset__element">
          <RadioButtons
            legend="Mode d’intervention"
            name="workMode"
            state={errors.workMode ? "error" : "default"}
            stateRelatedMessage={errors.workMode?.message}
            options={WORK_MODES.map((mode) => ({
              label: WORK_MODE_LABELS[mode],
              nativeInputProps: { ...register("workMode"), value: mode },
            }))}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label={workMode === "distance" ? "Villes où je peux me déplacer (facultatif)" : "Villes où je peux me déplacer"}
            hintText="Saisissez une ville puis appuyez sur Entrée ou sur « Ajouter »."
            state={placesError ? "error" : "default"}
            stateRelatedMessage={placesError}
            nativeInputProps={{
              value: placeDraft,
              maxLength: 80,
              autoComplete: "address-level2",
              onChange: (event) => setPlaceDraft(event.target.value),
              onKeyDown: onPlaceKeyDown,
            }}
            addon={
              <Button type="button" priority="secondary" onClick={addPlace} nativeButtonProps={{ "aria-label": "Ajouter ce lieu" }}>
                Ajouter
              </Button>
            }
          />
          {places.length > 0 ? (
            <ul className="fr-tags-group" aria-label="Lieux choisis">
              {places.map((place) => (
                <li key={place}>
                  <Tag
                    dismissible
                    nativeButtonProps={{
                      type: "button",
                      "aria-label": `Retirer le lieu ${place}`,
                      onClick: () =>
                        setValue(
                          "places",
                          form.getValues("places").filter((existing) => existing !== place),
                          { shouldDirty: true, shouldValidate: formState.isSubmitted },
                        ),
                    }}
                  >
                    {place}
                  </Tag>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="profil-responsable-legend">
        <legend className="fr-fieldset__legend" id="profil-responsable-legend">
          <h2 className="fr-h4 fr-mb-0">Mon responsable</h2>
          <span className="fr-hint-text">Il ou elle recevra une demande d’accord avant chaque mission.</span>
        </legend>
        <div className="fr-fieldset__element">
          <Input
            label="Prénom et nom de mon responsable"
            state={errors.managerName ? "error" : "default"}
            stateRelatedMessage={errors.managerName?.message}
            nativeInputProps={{ ...register("managerName"), autoComplete: "off", maxLength: 120 }}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label="Adresse électronique professionnelle de mon responsable"
            hintText="Format attendu : prenom.nom@administration.gouv.fr"
            state={errors.managerEmail ? "error" : "default"}
            stateRelatedMessage={errors.managerEmail?.message}
            nativeInputProps={{ ...register("managerEmail"), type: "email", autoComplete: "off", maxLength: 254 }}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="profil-visibilite-legend">
        <legend className="fr-fieldset__legend" id="profil-visibilite-legend">
          <h2 className="fr-h4 fr-mb-0">Visibilité</h2>
        </legend>
        <div className="fr-fieldset__element">
          <RadioButtons
            legend="Propositions de missions"
            name="visibility"
            state={errors.visibility ? "error" : "default"}
            stateRelatedMessage={errors.visibility?.message}
            options={VISIBILITIES.map((visibility) => ({
              label: VISIBILITY_LABELS[visibility],
              nativeInputProps: { ...register("visibility"), value: visibility },
            }))}
          />
        </div>
      </fieldset>

      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Enregistrement…" : "Enregistrer mon profil"}
      </Button>
    </form>
  );
}

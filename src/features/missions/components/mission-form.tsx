"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ButtonsGroup } from "@codegouvfr/react-dsfr/ButtonsGroup";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Controller, useFieldArray, useForm, type FieldErrors, type FieldPath, type Resolver } from "react-hook-form";
import { TagPicker } from "@/features/referentiel/components/tag-picker";
import { saveMissionDraftAction, submitMissionAction } from "../actions";
import {
  MISSION_LIMITS,
  RHYTHMS,
  RHYTHM_LABELS,
  SKILL_LEVELS,
  SKILL_LEVEL_LABELS,
  WORK_MODES,
  WORK_MODE_LABELS,
  saveMissionDraftSchema,
  submitMissionSchema,
  type MissionFormValues,
} from "../schemas";

type Intent = "brouillon" | "soumission";

const draftResolver = zodResolver(saveMissionDraftSchema);
const submissionResolver = zodResolver(submitMissionSchema);

/** Message of a field-array error, whether the client (root) or the server (the array itself) set it. */
function arrayErrorMessage(error: FieldErrors<MissionFormValues>["skills"]): string | undefined {
  if (!error) return undefined;
  return error.message ?? error.root?.message;
}

/**
 * The demandeur's mission form. « Enregistrer le brouillon » checks only what is typed
 * (a title at least); « Soumettre » checks everything moderation needs. Both run the same zod
 * schemas as the server actions, and server field errors come back on their fields.
 */
export function MissionForm({ initialValues }: { initialValues: MissionFormValues }) {
  const router = useRouter();
  const intent = useRef<Intent>("brouillon");
  const alertRef = useRef<HTMLDivElement>(null);
  const [message, setMessage] = useState<{ severity: "success" | "error"; text: string } | null>(null);

  const resolver: Resolver<MissionFormValues> = (values, context, options) =>
    (intent.current === "soumission" ? submissionResolver : draftResolver)(values, context, options);
  const form = useForm<MissionFormValues>({ resolver, defaultValues: initialValues });
  const skills = useFieldArray({ control: form.control, name: "skills" });
  const errors = form.formState.errors;
  const workMode = form.watch("workMode");
  const chosenSkills = form.watch("skills");

  function announce(severity: "success" | "error", text: string) {
    setMessage({ severity, text });
    // Let the alert render, then bring it into view for keyboard and screen reader users.
    requestAnimationFrame(() => alertRef.current?.focus());
  }

  function showServerErrors(error: string, fieldErrors: Record<string, string[]> | undefined) {
    announce("error", error);
    Object.entries(fieldErrors ?? {}).forEach(([field, messages]) => {
      form.setError(field as FieldPath<MissionFormValues>, { type: "server", message: messages[0] });
    });
  }

  async function saveDraft(values: MissionFormValues) {
    const result = await saveMissionDraftAction(values);
    if (!result.ok) return showServerErrors(result.error, result.fieldErrors);
    form.reset({ ...values, missionId: result.data.missionId }, { keepDefaultValues: false });
    if (values.missionId === null) {
      // Reloading the page resumes the draft instead of starting a new one.
      window.history.replaceState(null, "", `/demandeur/missions/${result.data.missionId}/modifier`);
    }
    announce("success", "Brouillon enregistré. Vous pouvez le reprendre plus tard depuis votre espace demandeur.");
  }

  async function submit(values: MissionFormValues) {
    const result = await submitMissionAction(values);
    if (!result.ok) return showServerErrors(result.error, result.fieldErrors);
    router.push(`/demandeur?soumise=${result.data.missionId}`);
  }

  const onInvalid = () =>
    announce(
      "error",
      intent.current === "soumission"
        ? "La mission ne peut pas encore être soumise : complétez les champs signalés."
        : "Le brouillon n'est pas enregistré : corrigez les champs signalés.",
    );

  const run = (next: Intent) => {
    intent.current = next;
    form.clearErrors();
    void form.handleSubmit(next === "soumission" ? submit : saveDraft, onInvalid)();
  };

  const fieldState = (message: string | undefined) =>
    ({ state: message ? "error" : "default", stateRelatedMessage: message }) as const;
  const hours = { setValueAs: (value: unknown) => (value === "" || value === null || value === undefined ? null : Number(value)) };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        run("brouillon");
      }}
    >
      <div ref={alertRef} tabIndex={-1} aria-live="polite">
        {message ? <Alert small severity={message.severity} description={message.text} className="fr-mb-3w" /> : null}
      </div>

      <fieldset className="fr-fieldset" aria-labelledby="mission-besoin">
        <legend className="fr-fieldset__legend" id="mission-besoin">
          <h2 className="fr-h4 fr-mb-0">Le besoin</h2>
        </legend>
        <div className="fr-fieldset__element">
          <Input
            label="Titre de la mission"
            hintText={`Une phrase qui dit ce qu'il y a à faire (${MISSION_LIMITS.title} caractères au maximum).`}
            nativeInputProps={{ ...form.register("title"), maxLength: MISSION_LIMITS.title }}
            {...fieldState(errors.title?.message)}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label="Contexte"
            hintText="Votre service, la situation actuelle, pourquoi ce besoin maintenant."
            textArea
            nativeTextAreaProps={{ ...form.register("context"), rows: 4, maxLength: MISSION_LIMITS.context }}
            {...fieldState(errors.context?.message)}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label="Description de la mission"
            hintText="Ce que l'agent fera, le résultat attendu, les personnes avec qui il travaillera."
            textArea
            nativeTextAreaProps={{ ...form.register("description"), rows: 8, maxLength: MISSION_LIMITS.description }}
            {...fieldState(errors.description?.message)}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="mission-competences">
        <legend className="fr-fieldset__legend" id="mission-competences">
          <h2 className="fr-h4 fr-mb-0">Compétences recherchées</h2>
        </legend>
        <div className="fr-fieldset__element">
          <TagPicker
            id="mission-skill-picker"
            label="Ajouter une compétence"
            hint="Tapez quelques lettres puis choisissez avec les flèches et Entrée. Au moins une compétence indispensable pour soumettre."
            excludeConceptIds={chosenSkills.map((skill) => skill.conceptId).filter((id): id is string => id !== null)}
            disabled={skills.fields.length >= MISSION_LIMITS.skills}
            errorMessage={arrayErrorMessage(errors.skills)}
            onPick={(tag) => {
              const already = chosenSkills.some(
                (skill) => (tag.conceptId !== null && skill.conceptId === tag.conceptId) || skill.label.toLowerCase() === tag.label.toLowerCase(),
              );
              if (already) return;
              skills.append({ label: tag.label, conceptId: tag.conceptId, required: true, level: "autonome" }, { shouldFocus: false });
              form.clearErrors("skills");
            }}
          />
        </div>
        {skills.fields.length ? (
          <ul className="fr-fieldset__element fr-raw-list">
            {skills.fields.map((skill, index) => (
              <li key={skill.id} className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w">
                <div className="fr-col-12 fr-col-md-4">
                  <p className="fr-text--bold fr-mb-1w">{skill.label}</p>
                  {skill.conceptId === null ? <p className="fr-text--xs fr-mb-1w">Compétence libre</p> : null}
                  {errors.skills?.[index]?.label?.message ? (
                    <p className="fr-error-text fr-mt-0">{errors.skills[index].label.message}</p>
                  ) : null}
                </div>
                <div className="fr-col-12 fr-col-md-3">
                  <Controller
                    control={form.control}
                    name={`skills.${index}.required`}
                    render={({ field }) => (
                      <Select
                        label={<span>Importance<span className="fr-sr-only"> de « {skill.label} »</span></span>}
                        nativeSelectProps={{
                          name: field.name,
                          ref: field.ref,
                          onBlur: field.onBlur,
                          value: field.value ? "indispensable" : "souhaitee",
                          onChange: (event) => field.onChange(event.target.value === "indispensable"),
                        }}
                      >
                        <option value="indispensable">Indispensable</option>
                        <option value="souhaitee">Souhaitée</option>
                      </Select>
                    )}
                  />
                </div>
                <div className="fr-col-12 fr-col-md-3">
                  <Select
                    label={<span>Niveau attendu<span className="fr-sr-only"> en « {skill.label} »</span></span>}
                    nativeSelectProps={form.register(`skills.${index}.level`)}
                    {...fieldState(errors.skills?.[index]?.level?.message)}
                  >
                    {SKILL_LEVELS.map((level) => (
                      <option key={level} value={level}>
                        {SKILL_LEVEL_LABELS[level]}
                      </option>
                    ))}
                  </Select>
                </div>
                <div className="fr-col-12 fr-col-md-2">
                  <Button
                    type="button"
                    priority="tertiary"
                    size="small"
                    iconId="fr-icon-delete-line"
                    className="fr-mb-3w"
                    onClick={() => skills.remove(index)}
                    title={`Retirer « ${skill.label} »`}
                  >
                    Retirer<span className="fr-sr-only"> « {skill.label} »</span>
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="fr-fieldset__element fr-text--sm">Aucune compétence ajoutée pour l&apos;instant.</p>
        )}
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="mission-effort">
        <legend className="fr-fieldset__legend" id="mission-effort">
          <h2 className="fr-h4 fr-mb-0">Effort et calendrier</h2>
        </legend>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Nombre total d'heures"
            hintText={`Entre ${MISSION_LIMITS.minHours} et ${MISSION_LIMITS.maxHours} heures.`}
            nativeInputProps={{ ...form.register("totalHours", hours), type: "number", min: MISSION_LIMITS.minHours, max: MISSION_LIMITS.maxHours, inputMode: "numeric" }}
            {...fieldState(errors.totalHours?.message)}
          />
        </div>
        <div className="fr-fieldset__element">
          <RadioButtons
            legend="Rythme"
            orientation="horizontal"
            options={RHYTHMS.map((rhythm) => ({ label: RHYTHM_LABELS[rhythm], nativeInputProps: { ...form.register("rhythm"), value: rhythm } }))}
            {...fieldState(errors.rhythm?.message)}
          />
        </div>
        <div className="fr-fieldset__element">
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-4">
              <Input label="Date de début" nativeInputProps={{ ...form.register("startDate"), type: "date" }} {...fieldState(errors.startDate?.message)} />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <Input label="Date de fin" nativeInputProps={{ ...form.register("endDate"), type: "date" }} {...fieldState(errors.endDate?.message)} />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <Input
                label="Date limite pour trouver un agent"
                hintText="Au plus tard le jour du début."
                nativeInputProps={{ ...form.register("staffingDeadline"), type: "date" }}
                {...fieldState(errors.staffingDeadline?.message)}
              />
            </div>
          </div>
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="mission-lieu">
        <legend className="fr-fieldset__legend" id="mission-lieu">
          <h2 className="fr-h4 fr-mb-0">Lieu et confidentialité</h2>
        </legend>
        <div className="fr-fieldset__element">
          <RadioButtons
            legend="Modalité"
            orientation="horizontal"
            options={WORK_MODES.map((mode) => ({ label: WORK_MODE_LABELS[mode], nativeInputProps: { ...form.register("workMode"), value: mode } }))}
            {...fieldState(errors.workMode?.message)}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label={workMode === "distance" ? "Lieu (facultatif)" : "Lieu"}
            hintText="Ville ou adresse du service. Obligatoire sauf pour une mission entièrement à distance."
            nativeInputProps={{ ...form.register("place"), maxLength: MISSION_LIMITS.place, autoComplete: "address-level2" }}
            {...fieldState(errors.place?.message)}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label="Confidentialité (facultatif)"
            hintText="Données sensibles, habilitation nécessaire, engagement de confidentialité…"
            textArea
            nativeTextAreaProps={{ ...form.register("confidentiality"), rows: 3, maxLength: MISSION_LIMITS.confidentiality }}
            {...fieldState(errors.confidentiality?.message)}
          />
        </div>
      </fieldset>

      <ButtonsGroup
        inlineLayoutWhen="md and up"
        buttons={[
          {
            children: "Enregistrer le brouillon",
            priority: "secondary",
            type: "button",
            disabled: form.formState.isSubmitting,
            onClick: () => run("brouillon"),
          },
          {
            children: "Soumettre à la modération",
            type: "button",
            disabled: form.formState.isSubmitting,
            onClick: () => run("soumission"),
          },
        ]}
      />
    </form>
  );
}

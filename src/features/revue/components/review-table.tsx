"use client";

import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ReasonList } from "@/components/matching/reason-list";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { FIT_LABELS, fitLevel } from "@/lib/matching/fit";
import { plural } from "@/lib/format-fr";
import { CANDIDATE_STATES } from "@/features/propositions/states";
import { proposeSelectedAction } from "../actions";
import { OVERRIDE_LABELS, ORIGIN_LABELS, WORK_MODE_LABELS } from "../labels";
import type { OverrideKind } from "../schemas";
import type { ReviewCandidate } from "../types";
import { OverrideForm } from "./override-form";
import styles from "./review-table.module.css";

const STATE_BADGES: Record<string, string> = {
  a_examiner: "fr-badge--info",
  proposee: "fr-badge--new",
  acceptee: "fr-badge--new",
  consentie: "fr-badge--success",
  selectionnee: "fr-badge--success",
  declinee: "fr-badge--warning",
  refusee_manager: "fr-badge--warning",
  non_retenue: "fr-badge--warning",
};

const FIT_BADGES = { bon: "fr-badge--success", possible: "fr-badge--info", faible: "fr-badge--warning" } as const;

/** One sentence on why this agent is here: the engine's, or what the review knows of them. */
function explanationOf(candidate: ReviewCandidate, fit: ReturnType<typeof fitLevel> | null): string {
  if (candidate.explanation) return candidate.explanation;
  if (candidate.origin === "ajout_dinum") return "Ajouté à la main par l'équipe Mission Talents.";
  if (!fit) return candidate.origin === "candidature" ? "S'est positionné sur la mission ; non classé par le moteur." : "Non classé par le moteur.";
  const first = candidate.reasons.find((reason) => reason.kind === "force");
  return first ? `${FIT_LABELS[fit]} : ${first.text.replace(/[.\s]+$/, "")}.` : `${FIT_LABELS[fit]} avec la mission.`;
}

function folded(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/** Text search over what DINUM knows an agent by: name, email, administration, reasons. */
function matchesText(candidate: ReviewCandidate, query: string): boolean {
  const { displayName, email, administration, reasons } = candidate;
  return folded([displayName, email, administration ?? "", ...reasons.map((reason) => reason.text)].join(" ")).includes(query);
}

type SortKey = "rangMoteur" | "score" | "agent";

/** The orders DINUM can read the list in; « Ordre final » is the list as the server sends it. */
const SORTS: Record<SortKey, (a: ReviewCandidate, b: ReviewCandidate) => number> = {
  // Agents the engine did not rank come last, whatever the direction.
  rangMoteur: (a, b) => (a.engineRank ?? Infinity) - (b.engineRank ?? Infinity),
  score: (a, b) => (a.engineScore === null ? (b.engineScore === null ? 0 : 1) : b.engineScore === null ? -1 : b.engineScore - a.engineScore),
  agent: (a, b) => a.displayName.localeCompare(b.displayName, "fr"),
};

function isSortKey(value: string): value is SortKey {
  return Object.hasOwn(SORTS, value);
}

interface PendingOverride {
  kind: OverrideKind;
  candidate: ReviewCandidate;
}

function triggerId(kind: OverrideKind, candidateId: string) {
  return `revue-${kind}-${candidateId}`;
}

/**
 * DINUM's review of one mission: suggestions and applications in final order, with the engine's
 * rank beside it. A mission has a few dozen candidates at most, so sort and filter run here.
 */
export function ReviewTable({ missionId, editable, candidates }: { missionId: string; editable: boolean; candidates: ReviewCandidate[] }) {
  const router = useRouter();
  // A few dozen candidates: sorting and filtering them in place costs less than a table library.
  const [sort, setSort] = useState<SortKey | "">("");
  const [originFilter, setOriginFilter] = useState("");
  const [stateFilter, setStateFilter] = useState("");
  const [textFilter, setTextFilter] = useState("");
  const [rowSelection, setRowSelection] = useState<Record<string, boolean>>({});
  const [pending, setPending] = useState<PendingOverride | null>(null);
  const [status, setStatus] = useState<{ severity: "success" | "error"; text: string } | null>(null);
  const [proposing, startProposing] = useTransition();

  const visibleRows = useMemo(() => {
    const query = folded(textFilter.trim());
    const shown = candidates.filter(
      (candidate) =>
        (!originFilter || candidate.origin === originFilter) && (!stateFilter || candidate.state === stateFilter) && (!query || matchesText(candidate, query)),
    );
    return sort ? shown.sort(SORTS[sort]) : shown;
  }, [candidates, originFilter, stateFilter, textFilter, sort]);

  const canSelect = (candidate: ReviewCandidate) => editable && candidate.proposable;
  const selected = candidates.filter((candidate) => rowSelection[candidate.candidateId] && candidate.proposable);
  const states = [...new Set(candidates.map((candidate) => candidate.state))];

  function toggleSelected(candidateId: string, checked: boolean) {
    setRowSelection((current) => {
      const next = { ...current };
      if (checked) next[candidateId] = true;
      else delete next[candidateId];
      return next;
    });
  }

  function actionsOf(candidate: ReviewCandidate) {
    if (!editable) return null;
    const kinds: OverrideKind[] = candidate.excluded
      ? ["reintegrer"]
      : [candidate.pinned ? "desepingler" : "epingler", "monter", "descendre", ...(candidate.state === "a_examiner" ? (["exclure"] as const) : [])];
    return (
      <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
        {kinds.map((kind) => (
          <li key={kind}>
            {/* DSFR's markup without its Button component: a card has up to four of these, a list a hundred. */}
            <button
              type="button"
              id={triggerId(kind, candidate.candidateId)}
              className={`fr-btn ${kind === "exclure" ? "fr-btn--tertiary" : "fr-btn--secondary"} fr-btn--sm`}
              aria-expanded={pending?.kind === kind && pending.candidate.candidateId === candidate.candidateId}
              title={OVERRIDE_LABELS[kind].title(candidate.displayName)}
              onClick={() => {
                setStatus(null);
                setPending({ kind, candidate });
              }}
            >
              {OVERRIDE_LABELS[kind].button}
              <span className="fr-sr-only">{` ${candidate.displayName}`}</span>
            </button>
          </li>
        ))}
      </ul>
    );
  }

  function closeOverride(focusTrigger: boolean) {
    const closed = pending;
    setPending(null);
    if (closed && focusTrigger) document.getElementById(triggerId(closed.kind, closed.candidate.candidateId))?.focus();
  }

  function propose() {
    startProposing(async () => {
      const result = await proposeSelectedAction({ missionId, agentIds: selected.map((candidate) => candidate.agentId) });
      if (result.ok) {
        const { proposed } = result.data;
        setStatus({
          severity: "success",
          text: proposed > 1 ? `La mission a été proposée à ${proposed} agents.` : proposed === 1 ? "La mission a été proposée à 1 agent." : "La mission leur avait déjà été proposée.",
        });
        setRowSelection({});
        router.refresh();
      } else {
        setStatus({ severity: "error", text: result.error });
      }
    });
  }

  return (
    <>
      <div role="search" aria-label="Filtrer les candidats" className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <div className="fr-col-12 fr-col-md-4">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="revue-texte">
              Nom, courriel, administration ou raison
            </label>
            <input
              className="fr-input"
              id="revue-texte"
              type="search"
              value={textFilter}
              maxLength={100}
              onChange={(event) => setTextFilter(event.target.value)}
            />
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="revue-origine">
              Origine
            </label>
            <select
              className="fr-select"
              id="revue-origine"
              value={originFilter}
              onChange={(event) => setOriginFilter(event.target.value)}
            >
              <option value="">Toutes les origines</option>
              {Object.entries(ORIGIN_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="revue-etat">
              État
            </label>
            <select
              className="fr-select"
              id="revue-etat"
              value={stateFilter}
              onChange={(event) => setStateFilter(event.target.value)}
            >
              <option value="">Tous les états</option>
              {states.map((state) => (
                <option key={state} value={state}>
                  {CANDIDATE_STATES[state] ?? state}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>

      <div role="status" aria-live="polite">
        {status ? <Alert small severity={status.severity} description={status.text} className="fr-mb-2w" /> : null}
      </div>

      {editable ? (
        <div className="fr-mb-2w">
          <Button onClick={propose} disabled={proposing || selected.length === 0} iconId="fr-icon-send-plane-line">
            Proposer la mission aux agents sélectionnés
          </Button>
          <p className="fr-hint-text fr-mt-1v">
            {selected.length === 0
              ? "Cochez les agents à qui proposer la mission (seuls les agents à examiner et non exclus peuvent l'être)."
              : `${selected.length} agent${selected.length > 1 ? "s" : ""} sélectionné${selected.length > 1 ? "s" : ""} : ${selected.map((candidate) => candidate.displayName).join(", ")}.`}
          </p>
        </div>
      ) : null}

      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w">
        <div className="fr-col-12 fr-col-md-4">
          <div className="fr-select-group fr-mb-0">
            <label className="fr-label" htmlFor="revue-tri">
              Trier par
            </label>
            <select
              className="fr-select"
              id="revue-tri"
              value={sort}
              onChange={(event) => setSort(isSortKey(event.target.value) ? event.target.value : "")}
            >
              <option value="">Ordre final (DINUM)</option>
              <option value="rangMoteur">Rang du moteur</option>
              <option value="score">Adéquation, la meilleure d&apos;abord</option>
              <option value="agent">Nom de l&apos;agent</option>
            </select>
          </div>
        </div>
      </div>

      <h2 className="fr-h5" id="revue-liste-titre">
        {visibleRows.length === candidates.length
          ? `${plural(candidates.length, "candidat", "candidats")}, dans l'ordre final`
          : `${plural(visibleRows.length, "candidat affiché", "candidats affichés")} sur ${candidates.length}`}
      </h2>
      {/* One card per agent: a table of ten columns cannot fit a laptop, let alone a phone. Texts are
          built as one string each: adjacent JSX texts are as many nodes, each marked in the HTML. */}
      <ol className="fr-raw-list" aria-labelledby="revue-liste-titre">
        {visibleRows.map((candidate) => {
          const fit = candidate.engineScore === null ? null : fitLevel(candidate.engineScore);
          return (
            <li key={candidate.candidateId} data-candidat={candidate.displayName} data-ligne-actions className={`fr-card fr-card--no-arrow fr-mb-2w ${styles.card}`}>
              <div className="fr-card__body">
                <div className="fr-card__content">
                  <h3 className="fr-card__title fr-h6">
                    <span className={styles.rank}>{candidate.finalRank ? `${candidate.finalRank}.` : "—"}</span>
                    {` ${candidate.displayName}`}
                  </h3>
                  <div className="fr-card__desc">
                    <p className="fr-text--sm fr-mb-1w">
                      {`${candidate.administration ?? "Administration non renseignée"} · ${ORIGIN_LABELS[candidate.origin] ?? candidate.origin}${
                        candidate.engineRank ? ` · rang du moteur : ${candidate.engineRank}` : " · non classé par le moteur"
                      }`}
                    </p>
                    <ul className="fr-badges-group fr-mb-1w">
                      {fit ? (
                        <li>
                          <p className={`fr-badge fr-badge--sm fr-badge--no-icon ${FIT_BADGES[fit]}`}>{FIT_LABELS[fit]}</p>
                        </li>
                      ) : null}
                      <li>
                        <p className={`fr-badge fr-badge--sm fr-badge--no-icon ${STATE_BADGES[candidate.state] ?? ""}`}>{CANDIDATE_STATES[candidate.state] ?? candidate.state}</p>
                      </li>
                      {candidate.pinned ? (
                        <li>
                          <p className="fr-badge fr-badge--sm fr-badge--purple-glycine">Épinglé</p>
                        </li>
                      ) : null}
                      {candidate.excluded ? (
                        <li>
                          <p className="fr-badge fr-badge--sm fr-badge--error">Exclu</p>
                        </li>
                      ) : null}
                      {candidate.withdrawn ? (
                        <li>
                          <p className="fr-badge fr-badge--sm fr-badge--warning">Candidature retirée</p>
                        </li>
                      ) : null}
                      {candidate.sameAdministration ? (
                        <li>
                          <p className="fr-badge fr-badge--sm fr-badge--info">Même administration</p>
                        </li>
                      ) : null}
                    </ul>
                    <p className="fr-text--sm fr-mb-1w">{explanationOf(candidate, fit)}</p>
                    <ReasonList reasons={candidate.reasons.slice(0, 3)} className="fr-text--sm fr-mb-1w" />
                    <p className="fr-text--xs fr-mb-1w">
                      {`Disponibilité : ${candidate.hoursPerMonth} h par mois, ${WORK_MODE_LABELS[candidate.workMode]?.toLowerCase() ?? candidate.workMode}${
                        candidate.places.length ? ` (${candidate.places.join(", ")})` : ""
                      }`}
                    </p>
                  </div>
                  <div className={styles.actions}>
                    {canSelect(candidate) ? (
                      <div className="fr-checkbox-group fr-checkbox-group--sm fr-mb-1w">
                        <input
                          type="checkbox"
                          id={`revue-choix-${candidate.candidateId}`}
                          checked={Boolean(rowSelection[candidate.candidateId])}
                          onChange={(event) => toggleSelected(candidate.candidateId, event.target.checked)}
                        />
                        <label className="fr-label" htmlFor={`revue-choix-${candidate.candidateId}`}>
                          Choisir<span className="fr-sr-only">{` ${candidate.displayName}`}</span>
                        </label>
                      </div>
                    ) : null}
                    {actionsOf(candidate)}
                  </div>
                  {pending?.candidate.candidateId === candidate.candidateId ? (
                    <div className="fr-mt-2w">
                      <OverrideForm
                        key={pending.kind}
                        missionId={missionId}
                        candidateId={pending.candidate.candidateId}
                        agentName={pending.candidate.displayName}
                        kind={pending.kind}
                        onCancel={() => closeOverride(true)}
                        onDone={(text) => {
                          closeOverride(false);
                          setStatus({ severity: "success", text });
                          router.refresh();
                        }}
                      />
                    </div>
                  ) : null}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      {visibleRows.length === 0 ? <p>Aucun candidat ne correspond à ces filtres.</p> : null}
    </>
  );
}

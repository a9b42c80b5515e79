"use client";

import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ReasonList } from "@/components/matching/reason-list";
import { Button } from "@codegouvfr/react-dsfr/Button";
import {
  createColumnHelper,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnFiltersState,
  type FilterFn,
  type RowSelectionState,
  type SortingState,
} from "@tanstack/react-table";
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

const columnHelper = createColumnHelper<ReviewCandidate>();

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

/** Text search over what DINUM knows an agent by: name, email, administration, reasons. */
const matchesText: FilterFn<ReviewCandidate> = (row, _columnId, value: string) => {
  const folded = (text: string) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const { displayName, email, administration, reasons } = row.original;
  return folded([displayName, email, administration ?? "", ...reasons.map((reason) => reason.text)].join(" ")).includes(folded(value.trim()));
};

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
  const [sorting, setSorting] = useState<SortingState>([]);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const [textFilter, setTextFilter] = useState("");
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [pending, setPending] = useState<PendingOverride | null>(null);
  const [status, setStatus] = useState<{ severity: "success" | "error"; text: string } | null>(null);
  const [proposing, startProposing] = useTransition();

  const columns = useMemo(
    () => [
      columnHelper.display({
        id: "selection",
        header: "Choix",
        cell: ({ row }) =>
          row.getCanSelect() ? (
            <div className="fr-checkbox-group fr-checkbox-group--sm">
              <input
                type="checkbox"
                id={`revue-choix-${row.id}`}
                checked={row.getIsSelected()}
                onChange={row.getToggleSelectedHandler()}
              />
              <label className="fr-label" htmlFor={`revue-choix-${row.id}`}>
                Choisir<span className="fr-sr-only"> {row.original.displayName}</span>
              </label>
            </div>
          ) : null,
      }),
      columnHelper.accessor((candidate) => candidate.finalRank ?? undefined, {
        id: "rangFinal",
        header: "Rang final",
        sortUndefined: "last",
        cell: ({ row }) => (
          <>
            {row.original.finalRank ?? "—"}
            {row.original.pinned ? <p className="fr-badge fr-badge--sm fr-badge--purple-glycine fr-mt-1v">Épinglé</p> : null}
            {row.original.excluded ? <p className="fr-badge fr-badge--sm fr-badge--error fr-mt-1v">Exclu</p> : null}
            {row.original.withdrawn ? <p className="fr-badge fr-badge--sm fr-badge--warning fr-mt-1v">Candidature retirée</p> : null}
          </>
        ),
      }),
      columnHelper.accessor((candidate) => candidate.engineRank ?? undefined, {
        id: "rangMoteur",
        header: "Rang moteur",
        sortUndefined: "last",
        cell: (info) => info.getValue() ?? <span title="Non classé par le moteur">—</span>,
      }),
      columnHelper.accessor("displayName", {
        id: "agent",
        header: "Agent",
        cell: ({ row }) => (
          <>
            <strong>{row.original.displayName}</strong>
            <br />
            <span className="fr-text--sm">{row.original.administration ?? "Administration non renseignée"}</span>
            {row.original.sameAdministration ? <p className="fr-badge fr-badge--sm fr-badge--info fr-mt-1v">Même administration</p> : null}
          </>
        ),
      }),
      columnHelper.accessor("origin", {
        id: "origine",
        header: "Origine",
        enableSorting: false,
        filterFn: "equals",
        cell: (info) => ORIGIN_LABELS[info.getValue()] ?? info.getValue(),
      }),
      columnHelper.accessor((candidate) => candidate.engineScore ?? undefined, {
        id: "score",
        header: "Score",
        sortUndefined: "last",
        sortDescFirst: true,
        cell: (info) => {
          const score = info.getValue();
          return score === undefined ? "—" : `${Math.round(score * 100)} %`;
        },
      }),
      columnHelper.accessor("reasons", {
        id: "raisons",
        header: "Raisons",
        enableSorting: false,
        cell: (info) =>
          info.getValue().length ? (
            <ReasonList reasons={info.getValue()} />
          ) : (
            "—"
          ),
      }),
      columnHelper.display({
        id: "disponibilite",
        header: "Disponibilité",
        cell: ({ row }) => (
          <span className="fr-text--sm">
            {row.original.hoursPerMonth} h/mois
            <br />
            {WORK_MODE_LABELS[row.original.workMode] ?? row.original.workMode}
            {row.original.places.length ? ` — ${row.original.places.join(", ")}` : ""}
          </span>
        ),
      }),
      columnHelper.accessor("state", {
        id: "etat",
        header: "État",
        enableSorting: false,
        filterFn: "equals",
        cell: (info) => (
          <p className={`fr-badge fr-badge--sm fr-badge--no-icon ${STATE_BADGES[info.getValue()] ?? ""}`}>
            {CANDIDATE_STATES[info.getValue()] ?? info.getValue()}
          </p>
        ),
      }),
    ],
    [],
  );

  const table = useReactTable({
    data: candidates,
    columns,
    state: { sorting, columnFilters, globalFilter: textFilter, rowSelection },
    getRowId: (candidate) => candidate.candidateId,
    enableRowSelection: (row) => editable && row.original.proposable,
    onSortingChange: setSorting,
    onColumnFiltersChange: setColumnFilters,
    onGlobalFilterChange: setTextFilter,
    onRowSelectionChange: setRowSelection,
    globalFilterFn: matchesText,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });

  const selected = candidates.filter((candidate) => rowSelection[candidate.candidateId] && candidate.proposable);
  const states = [...new Set(candidates.map((candidate) => candidate.state))];
  const visibleRows = table.getRowModel().rows;

  function actionsOf(candidate: ReviewCandidate) {
    if (!editable) return null;
    const kinds: OverrideKind[] = candidate.excluded
      ? ["reintegrer"]
      : [candidate.pinned ? "desepingler" : "epingler", "monter", "descendre", ...(candidate.state === "a_examiner" ? (["exclure"] as const) : [])];
    return (
      <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
        {kinds.map((kind) => (
          <li key={kind}>
            <Button
              id={triggerId(kind, candidate.candidateId)}
              size="small"
              priority={kind === "exclure" ? "tertiary" : "secondary"}
              aria-expanded={pending?.kind === kind && pending.candidate.candidateId === candidate.candidateId}
              title={OVERRIDE_LABELS[kind].title(candidate.displayName)}
              onClick={() => {
                setStatus(null);
                setPending({ kind, candidate });
              }}
            >
              {OVERRIDE_LABELS[kind].button}
              <span className="fr-sr-only"> {candidate.displayName}</span>
            </Button>
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
              value={(table.getColumn("origine")?.getFilterValue() as string | undefined) ?? ""}
              onChange={(event) => table.getColumn("origine")?.setFilterValue(event.target.value || undefined)}
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
              value={(table.getColumn("etat")?.getFilterValue() as string | undefined) ?? ""}
              onChange={(event) => table.getColumn("etat")?.setFilterValue(event.target.value || undefined)}
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
              value={sorting[0] ? `${sorting[0].id}:${sorting[0].desc ? "desc" : "asc"}` : ""}
              onChange={(event) => {
                const [id, direction] = event.target.value.split(":");
                setSorting(id ? [{ id, desc: direction === "desc" }] : []);
              }}
            >
              <option value="">Ordre final (DINUM)</option>
              <option value="rangMoteur:asc">Rang du moteur</option>
              <option value="score:desc">Adéquation, la meilleure d&apos;abord</option>
              <option value="agent:asc">Nom de l&apos;agent</option>
            </select>
          </div>
        </div>
      </div>

      <h2 className="fr-h5" id="revue-liste-titre">
        {visibleRows.length === candidates.length
          ? `${plural(candidates.length, "candidat", "candidats")}, dans l'ordre final`
          : `${plural(visibleRows.length, "candidat affiché", "candidats affichés")} sur ${candidates.length}`}
      </h2>
      {/* One card per agent: a table of ten columns cannot fit a laptop, let alone a phone. */}
      <ol className="fr-raw-list" aria-labelledby="revue-liste-titre">
        {visibleRows.map((row) => {
          const candidate = row.original;
          const fit = candidate.engineScore === null ? null : fitLevel(candidate.engineScore);
          return (
            <li key={row.id} data-candidat={candidate.displayName} data-ligne-actions className={`fr-card fr-card--no-arrow fr-mb-2w ${styles.card}`}>
              <div className="fr-card__body">
                <div className="fr-card__content">
                  <h3 className="fr-card__title fr-h6">
                    <span className={styles.rank}>{candidate.finalRank ? `${candidate.finalRank}.` : "—"}</span> {candidate.displayName}
                  </h3>
                  <div className="fr-card__desc">
                    <p className="fr-text--sm fr-mb-1w">
                      {candidate.administration ?? "Administration non renseignée"} · {ORIGIN_LABELS[candidate.origin] ?? candidate.origin}
                      {candidate.engineRank ? ` · rang du moteur : ${candidate.engineRank}` : " · non classé par le moteur"}
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
                      Disponibilité : {candidate.hoursPerMonth} h par mois, {WORK_MODE_LABELS[candidate.workMode]?.toLowerCase() ?? candidate.workMode}
                      {candidate.places.length ? ` (${candidate.places.join(", ")})` : ""}
                    </p>
                  </div>
                  <div className={styles.actions}>
                    {row.getCanSelect() ? (
                      <div className="fr-checkbox-group fr-checkbox-group--sm fr-mb-1w">
                        <input type="checkbox" id={`revue-choix-${row.id}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
                        <label className="fr-label" htmlFor={`revue-choix-${row.id}`}>
                          Choisir<span className="fr-sr-only"> {candidate.displayName}</span>
                        </label>
                      </div>
                    ) : null}
                    {actionsOf(candidate)}
                  </div>
                  {pending?.candidate.candidateId === row.id ? (
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

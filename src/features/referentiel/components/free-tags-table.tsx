"use client";

import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { FAMILLES } from "@/lib/matching/referentiel/familles";
import { convertFreeTagAction } from "../actions";
import type { ConvertFreeTagInput } from "../schemas";
import styles from "./free-tags-table.module.css";

export interface FreeTagView {
  key: string;
  label: string;
  profiles: number;
  missions: number;
  /** Family of the closest concept, proposed for a new concept. */
  suggestedFamily: string;
  /** Closest concepts first: proposed for « ajouter comme synonyme de… ». */
  closeConcepts: { id: string; label: string }[];
}

type Message = { severity: "success" | "error"; text: string };

function countOf(count: number, one: string, many: string) {
  return `${count} ${count > 1 ? many : one}`;
}

function uses(count: number, one: string, many: string) {
  return count === 0 ? "—" : countOf(count, one, many);
}

/** Free tags with their counts, each turned in one click into a concept or a synonym of one. */
export function FreeTagsTable({ rows, concepts }: { rows: FreeTagView[]; concepts: { id: string; label: string }[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<Message | null>(null);
  const [pending, startTransition] = useTransition();
  const messageRef = useRef<HTMLDivElement>(null);

  function convert(input: ConvertFreeTagInput) {
    startTransition(async () => {
      const result = await convertFreeTagAction(input);
      if (result.ok) {
        const { conceptLabel, profiles, missions } = result.data;
        const attached = `${countOf(profiles, "profil", "profils")} et ${countOf(missions, "mission", "missions")} y sont désormais rattachés.`;
        setMessage({
          severity: "success",
          text:
            input.mode === "concept"
              ? `« ${input.freeTag} » est devenu le concept « ${conceptLabel} » : ${attached}`
              : `« ${input.freeTag} » est désormais un synonyme de « ${conceptLabel} » : ${attached}`,
        });
        router.refresh();
      } else {
        const details = Object.values(result.fieldErrors ?? {}).flat();
        setMessage({ severity: "error", text: [result.error, ...details].join(" ") });
      }
      requestAnimationFrame(() => messageRef.current?.focus());
    });
  }

  return (
    <>
      <div ref={messageRef} tabIndex={-1} className="fr-mb-3w" aria-live="polite">
        {message ? <Alert small severity={message.severity} description={message.text} /> : null}
      </div>
      {rows.length === 0 ? (
        <p>Aucune compétence libre : toutes les compétences saisies sont rattachées au référentiel.</p>
      ) : (
        <div className="fr-table">
          <div className="fr-table__wrapper">
            <div className="fr-table__container" role="region" aria-label="Compétences libres" tabIndex={0}>
              <div className="fr-table__content">
                <table>
                  <caption>Compétences libres, les plus fréquentes d’abord</caption>
                  <thead>
                    <tr>
                      <th scope="col">Compétence libre</th>
                      <th scope="col">Rattacher au référentiel</th>
                      <th scope="col">Profils</th>
                      <th scope="col">Missions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row, index) => (
                      <FreeTagRow key={row.key} row={row} index={index} concepts={concepts} pending={pending} onConvert={convert} />
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
    </>
  );
}

function FreeTagRow({
  row,
  index,
  concepts,
  pending,
  onConvert,
}: {
  row: FreeTagView;
  index: number;
  concepts: { id: string; label: string }[];
  pending: boolean;
  onConvert(input: ConvertFreeTagInput): void;
}) {
  const [family, setFamily] = useState(row.suggestedFamily);
  const [conceptId, setConceptId] = useState(row.closeConcepts[0]?.id ?? "");
  // Every concept in every row's list made the page thousands of options long: the full list is
  // added when the list is first reached (focus or pointer), before it can open.
  const [allConcepts, setAllConcepts] = useState(false);
  const familyId = `etiquette-${index}-famille`;
  const conceptSelectId = `etiquette-${index}-concept`;
  const closeIds = new Set(row.closeConcepts.map((concept) => concept.id));
  return (
    <tr>
      <th scope="row" className="fr-cell--multiline">
        {row.label}
      </th>
      <td className="fr-cell--multiline">
        <div className={styles.action}>
          <div className="fr-select-group fr-mb-0">
            <label className="fr-label fr-text--sm fr-mb-1v" htmlFor={familyId}>
              Nouveau concept dans la famille<span className="fr-sr-only"> (pour « {row.label} »)</span>
            </label>
            <select id={familyId} className="fr-select" value={family} onChange={(event) => setFamily(event.target.value)}>
              <option value="" disabled>
                Choisir une famille
              </option>
              {FAMILLES.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--secondary"
            disabled={pending || !family}
            aria-label={`Transformer « ${row.label} » en concept`}
            onClick={() => onConvert({ mode: "concept", freeTag: row.label, family })}
          >
            Transformer en concept
          </button>
        </div>
        <div className={styles.action}>
          <div className="fr-select-group fr-mb-0">
            <label className="fr-label fr-text--sm fr-mb-1v" htmlFor={conceptSelectId}>
              Ou synonyme du concept<span className="fr-sr-only"> (pour « {row.label} »)</span>
            </label>
            <select
              id={conceptSelectId}
              className="fr-select"
              value={conceptId}
              onChange={(event) => setConceptId(event.target.value)}
              onFocus={() => setAllConcepts(true)}
              onPointerDown={() => setAllConcepts(true)}
            >
              <option value="" disabled>
                Choisir un concept
              </option>
              {row.closeConcepts.length > 0 ? (
                <optgroup label="Concepts proches">
                  {row.closeConcepts.map((concept) => (
                    <option key={concept.id} value={concept.id}>
                      {concept.label}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {allConcepts ? (
                <optgroup label="Tous les concepts">
                  {concepts
                    .filter((concept) => !closeIds.has(concept.id))
                    .map((concept) => (
                      <option key={concept.id} value={concept.id}>
                        {concept.label}
                      </option>
                    ))}
                </optgroup>
              ) : null}
            </select>
          </div>
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--secondary"
            disabled={pending || !conceptId}
            aria-label={`Ajouter « ${row.label} » comme synonyme`}
            onClick={() => onConvert({ mode: "synonyme", freeTag: row.label, conceptId })}
          >
            Ajouter comme synonyme
          </button>
        </div>
      </td>
      <td>{uses(row.profiles, "profil", "profils")}</td>
      <td>{uses(row.missions, "mission", "missions")}</td>
    </tr>
  );
}

"use client";

import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { SkillSuggestion } from "../types";
import styles from "./tag-picker.module.css";

export type { PickedTag } from "../types";

export interface TagPickerProps {
  id: string;
  label: string;
  hint?: string;
  onPick(tag: { label: string; conceptId: string | null }): void;
  /** Concepts already chosen: not suggested again. */
  excludeConceptIds?: string[];
  errorMessage?: string;
  disabled?: boolean;
}

const DEBOUNCE_MS = 200;
const MIN_QUERY_LENGTH = 2;
const FREE_TAG_MAX_LENGTH = 80;

type Option = { kind: "concept"; suggestion: SkillSuggestion } | { kind: "free"; label: string };

function plural(n: number, one: string, many: string) {
  return `${n} ${n > 1 ? many : one}`;
}

/**
 * Skill picker following the ARIA 1.2 combobox pattern (input + listbox): suggestions of the
 * référentiel as you type (accents and small typos tolerated), and, last, the typed text as a free tag.
 */
export function TagPicker({ id, label, hint, onPick, excludeConceptIds, errorMessage, disabled = false }: TagPickerProps) {
  const [text, setText] = useState("");
  const [suggestions, setSuggestions] = useState<SkillSuggestion[]>([]);
  const [suggestionsFailed, setSuggestionsFailed] = useState(false);
  const [open, setOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  // Bumped when an answer of the suggestions route arrives: the live region speaks then, not at each keystroke.
  const [answers, setAnswers] = useState(0);
  // The query the current suggestions answer: until it is the typed one, the suggestions are stale.
  const [answeredQuery, setAnsweredQuery] = useState("");
  // Arrows and Entrée typed before the answer arrives, replayed on it (a fast typist's ↓ Entrée picks the concept).
  const pendingKeys = useRef<("down" | "up" | "enter")[]>([]);
  const listRef = useRef<HTMLUListElement>(null);

  const listboxId = `${id}-suggestions`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const query = text.trim().replace(/\s+/g, " ");

  useEffect(() => {
    if (query.length < MIN_QUERY_LENGTH) {
      setSuggestions([]);
      setSuggestionsFailed(false);
      setAnsweredQuery(query);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/referentiel/suggestions?q=${encodeURIComponent(query)}&limit=8`, {
          signal: controller.signal,
          headers: { Accept: "application/json" },
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const body = (await response.json()) as { suggestions: SkillSuggestion[] };
        setSuggestions(body.suggestions);
        setSuggestionsFailed(false);
      } catch (error) {
        if (controller.signal.aborted) return;
        console.warn("Suggestions de compétences indisponibles", error);
        setSuggestions([]);
        setSuggestionsFailed(true);
      }
      setActiveIndex(-1);
      setAnsweredQuery(query);
      setAnswers((count) => count + 1);
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const options = useMemo<Option[]>(() => {
    const excluded = new Set(excludeConceptIds ?? []);
    const list: Option[] = suggestions
      .filter((suggestion) => !excluded.has(suggestion.conceptId))
      .map((suggestion) => ({ kind: "concept", suggestion }));
    if (query) list.push({ kind: "free", label: query.slice(0, FREE_TAG_MAX_LENGTH) });
    return list;
  }, [suggestions, excludeConceptIds, query]);

  const waitingForAnswer = query.length >= MIN_QUERY_LENGTH && answeredQuery !== query;

  useEffect(() => {
    if (answeredQuery !== query || pendingKeys.current.length === 0) return;
    const keys = pendingKeys.current;
    pendingKeys.current = [];
    let index = -1;
    for (const key of keys) {
      if (key === "down") index = index >= options.length - 1 ? 0 : index + 1;
      else if (key === "up") index = index <= 0 ? options.length - 1 : index - 1;
      else {
        const chosen = options[index];
        if (chosen) {
          pick(chosen);
          return;
        }
      }
    }
    setOpen(true);
    setActiveIndex(index);
    // Replays once per answer, on the options of that answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answeredQuery, answers]);

  const conceptCount = options.filter((option) => option.kind === "concept").length;
  const expanded = open && options.length > 0 && !disabled;
  const optionId = (index: number) => `${id}-option-${index}`;

  useEffect(() => {
    if (!expanded || !query || answers === 0) return;
    if (suggestionsFailed) {
      setAnnouncement("Suggestions indisponibles : vous pouvez ajouter le texte saisi comme compétence libre.");
    } else if (conceptCount === 0) {
      setAnnouncement("Aucune compétence du référentiel ne correspond : vous pouvez ajouter le texte saisi comme compétence libre.");
    } else {
      setAnnouncement(
        `${plural(conceptCount, "suggestion disponible", "suggestions disponibles")}, plus l'ajout en compétence libre. Flèches haut et bas pour parcourir, Entrée pour choisir.`,
      );
    }
    // Announce once per answer, with the counts of that answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answers]);

  useEffect(() => {
    if (activeIndex < 0) return;
    listRef.current?.querySelector(`#${CSS.escape(optionId(activeIndex))}`)?.scrollIntoView({ block: "nearest" });
    // optionId only depends on the id prop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeIndex]);

  function pick(option: Option) {
    if (option.kind === "concept") onPick({ label: option.suggestion.label, conceptId: option.suggestion.conceptId });
    else onPick({ label: option.label, conceptId: null });
    const picked = option.kind === "concept" ? option.suggestion.label : option.label;
    setAnnouncement(`« ${picked} » ajoutée.`);
    setText("");
    setSuggestions([]);
    setOpen(false);
    setActiveIndex(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (waitingForAnswer && (event.key === "ArrowDown" || event.key === "ArrowUp" || event.key === "Enter")) {
      // The options on screen answer an older query: acting on them would pick the wrong one.
      event.preventDefault();
      pendingKeys.current.push(event.key === "ArrowDown" ? "down" : event.key === "ArrowUp" ? "up" : "enter");
      setOpen(true);
      return;
    }
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!options.length) return;
        setOpen(true);
        setActiveIndex((index) => (!expanded || index >= options.length - 1 ? 0 : index + 1));
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!options.length) return;
        setOpen(true);
        setActiveIndex((index) => (!expanded || index <= 0 ? options.length - 1 : index - 1));
        break;
      case "Enter": {
        // Enter in this field picks a tag; it never submits the surrounding form.
        if (!query && !expanded) return;
        event.preventDefault();
        const active = expanded ? options[activeIndex] : undefined;
        if (active) pick(active);
        else setOpen(true);
        break;
      }
      case "Escape":
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActiveIndex(-1);
        } else if (text) {
          event.preventDefault();
          setText("");
        }
        break;
      case "Tab":
        setOpen(false);
        setActiveIndex(-1);
        break;
    }
  }

  // The hint sits inside the label (DSFR markup), so it is already part of the accessible name.
  const describedBy = errorMessage ? errorId : undefined;

  return (
    <div className={`fr-input-group ${errorMessage ? "fr-input-group--error" : ""} ${disabled ? "fr-input-group--disabled" : ""}`}>
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint ? (
          <span className="fr-hint-text" id={hintId}>
            {hint}
          </span>
        ) : null}
      </label>
      <div className={styles.combobox}>
        <input
          id={id}
          className={`fr-input ${errorMessage ? "fr-input--error" : ""}`}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={expanded && activeIndex >= 0 ? optionId(activeIndex) : undefined}
          aria-describedby={describedBy}
          aria-invalid={errorMessage ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          maxLength={FREE_TAG_MAX_LENGTH}
          disabled={disabled}
          value={text}
          onChange={(event) => {
            pendingKeys.current = [];
            setText(event.target.value);
            setOpen(true);
            setActiveIndex(-1);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            pendingKeys.current = [];
            setOpen(false);
            setActiveIndex(-1);
          }}
        />
        <ul
          id={listboxId}
          ref={listRef}
          role="listbox"
          aria-label={`Suggestions pour « ${label} »`}
          className={styles.listbox}
          hidden={!expanded}
          // Keeps the focus in the input while an option is clicked.
          onMouseDown={(event) => event.preventDefault()}
        >
          {options.map((option, index) => (
            <li
              key={option.kind === "concept" ? option.suggestion.conceptId : "libre"}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className={`${styles.option} ${index === activeIndex ? styles.active : ""} ${option.kind === "free" ? styles.free : ""}`}
              onClick={() => pick(option)}
              onMouseMove={() => setActiveIndex(index)}
            >
              {option.kind === "concept" ? (
                <>
                  <span className={styles.optionLabel}>{option.suggestion.label}</span>
                  <span className={styles.optionFamily}>
                    {option.suggestion.familyLabel}
                    {option.suggestion.matchedForm ? ` — trouvé par « ${option.suggestion.matchedForm} »` : ""}
                  </span>
                </>
              ) : (
                <span className={styles.optionLabel}>Ajouter « {option.label} » comme compétence libre</span>
              )}
            </li>
          ))}
        </ul>
      </div>
      <p className="fr-sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      {errorMessage ? (
        <p className="fr-error-text" id={errorId}>
          {errorMessage}
        </p>
      ) : null}
    </div>
  );
}

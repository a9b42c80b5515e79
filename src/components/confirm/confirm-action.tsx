"use client";

import { Button } from "@codegouvfr/react-dsfr/Button";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

export interface ConfirmActionProps {
  /** The first button: « Retirer ma candidature ». */
  children: ReactNode;
  /** The question asked before acting: « Retirer votre candidature à « … » ? ». */
  question: ReactNode;
  /** The confirming button: « Oui, retirer ». */
  confirmLabel: string;
  onConfirm(): void | Promise<void>;
  pending?: boolean;
  size?: "small" | "medium";
  priority?: "primary" | "secondary" | "tertiary";
}

/**
 * An action that cannot be undone asks first, in place (no modal): the question takes the focus,
 * « Annuler » gives it back to the button.
 */
export function ConfirmAction({ children, question, confirmLabel, onConfirm, pending = false, size = "small", priority = "secondary" }: ConfirmActionProps) {
  const [asking, setAsking] = useState(false);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const questionId = useId();

  useEffect(() => {
    if (asking) questionRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      triggerRef.current?.focus();
    }
  }, [asking]);

  if (!asking) {
    return (
      <Button ref={triggerRef} priority={priority} size={size} onClick={() => setAsking(true)} disabled={pending}>
        {children}
      </Button>
    );
  }
  return (
    <div role="group" aria-labelledby={questionId} className="fr-mb-1w">
      <p id={questionId} ref={questionRef} tabIndex={-1} className="fr-text--sm fr-text--bold fr-mb-1w">
        {question}
      </p>
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
        <li>
          <Button size="small" onClick={() => void onConfirm()} disabled={pending}>
            {confirmLabel}
          </Button>
        </li>
        <li>
          <Button
            size="small"
            priority="tertiary"
            disabled={pending}
            onClick={() => {
              returnFocus.current = true;
              setAsking(false);
            }}
          >
            Annuler
          </Button>
        </li>
      </ul>
    </div>
  );
}

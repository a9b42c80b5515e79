import type { ReactNode } from "react";

/**
 * The DSFR table markup around a `<table>`. The scroll region can be reached and scrolled with
 * the keyboard (RGAA, axe `scrollable-region-focusable`) and is named after the table.
 * Cells wrap and visually hidden text stays inside the region: see `src/app/globals.css`.
 */
export function TableFrame({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={`fr-table fr-table--multiline${className ? ` ${className}` : ""}`}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" role="region" aria-label={label} tabIndex={0}>
          <div className="fr-table__content">{children}</div>
        </div>
      </div>
    </div>
  );
}

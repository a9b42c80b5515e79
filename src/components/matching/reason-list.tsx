import { REASON_KIND_LABELS } from "@/lib/matching/fit";
import type { MatchReason } from "@/lib/matching/types";

/** The engine's reasons for one candidate: each marked as a strength or a point to weigh. */
export function ReasonList({ reasons, className = "fr-text--sm fr-mb-0" }: { reasons: MatchReason[]; className?: string }) {
  if (!reasons.length) return null;
  return (
    <ul className={className}>
      {reasons.map((reason, index) => (
        <li key={`${index}-${reason.text}`}>
          <span className={`fr-badge fr-badge--sm fr-badge--no-icon fr-mr-1w ${reason.kind === "force" ? "fr-badge--success" : "fr-badge--warning"}`}>
            {REASON_KIND_LABELS[reason.kind]}
          </span>
          {reason.text}
        </li>
      ))}
    </ul>
  );
}

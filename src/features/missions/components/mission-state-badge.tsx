import { MISSION_STATE_LABELS, type MissionState } from "../transitions";
import { STATE_BADGE_SEVERITY } from "../format";

export function MissionStateBadge({ state, small = true }: { state: MissionState; small?: boolean }) {
  const severity = STATE_BADGE_SEVERITY[state];
  return (
    <p className={`fr-badge fr-badge--no-icon ${small ? "fr-badge--sm" : ""} ${severity ? `fr-badge--${severity}` : ""}`}>
      {MISSION_STATE_LABELS[state]}
    </p>
  );
}

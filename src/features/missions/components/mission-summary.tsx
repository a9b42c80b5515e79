import type { MissionDetail } from "../service";
import { RHYTHM_LABELS, SKILL_LEVEL_LABELS, WORK_MODE_LABELS, type Rhythm, type WorkMode } from "../schemas";
import { formatDay, formatHours } from "../format";

function labelOf<Key extends string>(labels: Record<Key, string>, value: string): string {
  return value in labels ? labels[value as Key] : value;
}

/** Text typed by users keeps its line breaks; React escapes it, nothing is rendered as HTML. */
function Paragraphs({ text, empty }: { text: string; empty: string }) {
  if (!text.trim()) return <p className="fr-text--sm">{empty}</p>;
  return (
    <>
      {text
        .split(/\n{2,}/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean)
        .map((paragraph, index) => (
          <p key={index} style={{ whiteSpace: "pre-line" }}>
            {paragraph}
          </p>
        ))}
    </>
  );
}

/** Everything an agent needs to decide, in reading order. */
export function MissionSummary({ mission }: { mission: MissionDetail }) {
  const required = mission.skills.filter((skill) => skill.required);
  const niceToHave = mission.skills.filter((skill) => !skill.required);
  const skillList = (skills: MissionDetail["skills"], empty: string) =>
    skills.length ? (
      <ul className="fr-tags-group">
        {skills.map((skill) => (
          <li key={`${skill.conceptId ?? ""}:${skill.label}`}>
            <p className="fr-tag">
              {skill.label} — {SKILL_LEVEL_LABELS[skill.level] ?? skill.level}
            </p>
          </li>
        ))}
      </ul>
    ) : (
      <p className="fr-text--sm">{empty}</p>
    );

  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-8">
        <h2 className="fr-h4">Contexte</h2>
        <Paragraphs text={mission.context} empty="Contexte non renseigné." />
        <h2 className="fr-h4">La mission</h2>
        <Paragraphs text={mission.description} empty="Description non renseignée." />
        <h2 className="fr-h4">Compétences indispensables</h2>
        {skillList(required, "Aucune compétence indispensable indiquée.")}
        <h2 className="fr-h4">Compétences souhaitées</h2>
        {skillList(niceToHave, "Aucune.")}
        {mission.confidentiality.trim() ? (
          <>
            <h2 className="fr-h4">Confidentialité</h2>
            <Paragraphs text={mission.confidentiality} empty="" />
          </>
        ) : null}
      </div>
      <div className="fr-col-12 fr-col-md-4">
        <div className="fr-card fr-card--no-arrow fr-card--grey">
          <div className="fr-card__body">
            <div className="fr-card__content">
              <h2 className="fr-card__title fr-h5">En bref</h2>
              <dl className="fr-card__desc">
                <dt className="fr-text--bold fr-mb-0">Administration</dt>
                <dd className="fr-ml-0 fr-mb-2w">{mission.administrationName}</dd>
                <dt className="fr-text--bold fr-mb-0">Effort</dt>
                <dd className="fr-ml-0 fr-mb-2w">
                  {formatHours(mission.totalHours)} — {labelOf<Rhythm>(RHYTHM_LABELS, mission.rhythm)}
                </dd>
                <dt className="fr-text--bold fr-mb-0">Période</dt>
                <dd className="fr-ml-0 fr-mb-2w">
                  du {formatDay(mission.startDate)} au {formatDay(mission.endDate)}
                </dd>
                <dt className="fr-text--bold fr-mb-0">Date limite pour se positionner</dt>
                <dd className="fr-ml-0 fr-mb-2w">{formatDay(mission.staffingDeadline)}</dd>
                <dt className="fr-text--bold fr-mb-0">Modalité</dt>
                <dd className="fr-ml-0 fr-mb-2w">{labelOf<WorkMode>(WORK_MODE_LABELS, mission.workMode)}</dd>
                <dt className="fr-text--bold fr-mb-0">Lieu</dt>
                <dd className="fr-ml-0">{mission.place || (mission.workMode === "distance" ? "Entièrement à distance" : "Non renseigné")}</dd>
              </dl>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

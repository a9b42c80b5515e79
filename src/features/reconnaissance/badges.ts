/**
 * Badges earned by rules. There is no badge table: the rules below, applied to the agent's
 * confirmed participations, are the truth, so a badge can never drift from the hours.
 * Pure module: no database, no framework.
 */

/** One finished participation whose hours both sides confirmed. */
export interface ParticipationFigure {
  hours: number;
  borrowingAdministrationId: string;
  confirmedAt: Date;
}

/** A skill a demandeur attested the agent used on a mission. */
export interface AttestedSkillFigure {
  skill: string;
  missionTitle: string;
}

export interface AgentFigures {
  participations: ParticipationFigure[];
  attestedSkills: AttestedSkillFigure[];
}

export const BADGE_IDS = ["premiere_mission", "dix_heures", "cinquante_heures", "trois_administrations", "competence_attestee"] as const;
export type BadgeId = (typeof BADGE_IDS)[number];

export interface Badge {
  id: BadgeId;
  label: string;
  description: string;
  /** When the rule was first met; null when the data does not say (attestations carry no date). */
  earnedAt: Date | null;
  /** For the attested-skill badge: the skills attested, without duplicates. */
  skills?: string[];
}

export const HOURS_THRESHOLDS = { dix_heures: 10, cinquante_heures: 50 } as const;
export const ADMINISTRATIONS_HELPED_THRESHOLD = 3;

/** The date of the participation with which a running total first reaches the threshold. */
function dateReached(participations: ParticipationFigure[], threshold: number, measure: (seen: ParticipationFigure[]) => number): Date | null {
  for (let index = 0; index < participations.length; index += 1) {
    if (measure(participations.slice(0, index + 1)) >= threshold) return participations[index]!.confirmedAt;
  }
  return null;
}

const totalHours = (participations: ParticipationFigure[]) => participations.reduce((sum, participation) => sum + participation.hours, 0);
const administrationsHelped = (participations: ParticipationFigure[]) =>
  new Set(participations.map((participation) => participation.borrowingAdministrationId)).size;

/** Distinct skills, compared without case or accents, in alphabetical order. */
export function distinctSkills(attested: AttestedSkillFigure[]): string[] {
  const byKey = new Map<string, string>();
  for (const { skill } of attested) {
    const label = skill.trim();
    if (!label) continue;
    const key = label.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
    if (!byKey.has(key)) byKey.set(key, label);
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, "fr"));
}

export function earnedBadges(figures: AgentFigures): Badge[] {
  const participations = [...figures.participations].sort((a, b) => a.confirmedAt.getTime() - b.confirmedAt.getTime());
  const badges: Badge[] = [];

  if (participations.length > 0) {
    badges.push({
      id: "premiere_mission",
      label: "Première mission",
      description: "Une première mission menée jusqu'au bout, heures confirmées par l'administration d'accueil.",
      earnedAt: participations[0]!.confirmedAt,
    });
  }
  const tenHoursAt = dateReached(participations, HOURS_THRESHOLDS.dix_heures, totalHours);
  if (tenHoursAt) {
    badges.push({ id: "dix_heures", label: "10 heures partagées", description: "Au moins 10 heures de talents partagées avec d'autres administrations.", earnedAt: tenHoursAt });
  }
  const fiftyHoursAt = dateReached(participations, HOURS_THRESHOLDS.cinquante_heures, totalHours);
  if (fiftyHoursAt) {
    badges.push({
      id: "cinquante_heures",
      label: "50 heures partagées",
      description: "Au moins 50 heures de talents partagées avec d'autres administrations.",
      earnedAt: fiftyHoursAt,
    });
  }
  const threeAdministrationsAt = dateReached(participations, ADMINISTRATIONS_HELPED_THRESHOLD, administrationsHelped);
  if (threeAdministrationsAt) {
    badges.push({
      id: "trois_administrations",
      label: "Trois administrations aidées",
      description: "Des missions menées pour au moins trois administrations différentes.",
      earnedAt: threeAdministrationsAt,
    });
  }
  const skills = distinctSkills(figures.attestedSkills);
  if (skills.length > 0) {
    badges.push({
      id: "competence_attestee",
      label: skills.length > 1 ? "Compétences attestées" : "Compétence attestée",
      description: `Attestée${skills.length > 1 ? "s" : ""} par une administration d'accueil : ${skills.join(", ")}.`,
      earnedAt: null,
      skills,
    });
  }
  return badges;
}

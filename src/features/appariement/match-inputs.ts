/**
 * A published mission as the matching engine reads it. Pure (no « server-only »), so that the
 * benchmark scripts map their rows the way the application does.
 */
import type { MatchMission } from "@/lib/matching";

export function toMatchMission(mission: {
  id: string;
  administration: string | null;
  title: string;
  context: string;
  description: string;
  skills: { label: string; required: boolean; level: "notions" | "autonome" | "expert" }[];
  totalHours: number | null;
  workMode: string;
  place: string;
  startDate: string | null;
  endDate: string | null;
}): MatchMission {
  return {
    id: mission.id,
    administration: mission.administration ?? undefined,
    title: mission.title,
    description: `${mission.context}\n${mission.description}`,
    skills: mission.skills.map((skill) => ({ label: skill.label, required: skill.required, level: skill.level })),
    hours: mission.totalHours ?? undefined,
    remote: mission.workMode !== "sur_site",
    location: mission.place || undefined,
    period: { start: mission.startDate ?? undefined, end: mission.endDate ?? undefined },
  };
}

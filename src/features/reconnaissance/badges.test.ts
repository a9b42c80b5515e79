import { describe, expect, it } from "vitest";
import { earnedBadges, type ParticipationFigure } from "./badges";

const day = (n: number) => new Date(Date.UTC(2025, 0, n));
const participation = (hours: number, borrowingAdministrationId: string, confirmedAt: Date): ParticipationFigure => ({ hours, borrowingAdministrationId, confirmedAt });
const ids = (badges: ReturnType<typeof earnedBadges>) => badges.map((badge) => badge.id);
const badge = (badges: ReturnType<typeof earnedBadges>, id: string) => badges.find((candidate) => candidate.id === id);

describe("badges par règles", () => {
  it("aucun badge sans participation confirmée ni compétence attestée", () => {
    expect(earnedBadges({ participations: [], attestedSkills: [] })).toEqual([]);
  });

  it("première mission : une participation confirmée, datée de sa confirmation", () => {
    const badges = earnedBadges({ participations: [participation(2, "a", day(5))], attestedSkills: [] });
    expect(ids(badges)).toEqual(["premiere_mission"]);
    expect(badge(badges, "premiere_mission")?.earnedAt).toEqual(day(5));
  });

  it("la première mission est la plus ancienne, quel que soit l'ordre reçu", () => {
    const badges = earnedBadges({ participations: [participation(1, "a", day(9)), participation(1, "b", day(3))], attestedSkills: [] });
    expect(badge(badges, "premiere_mission")?.earnedAt).toEqual(day(3));
  });

  it("10 heures : 9 h ne suffisent pas, 10 h exactement oui, à la date où le cumul les atteint", () => {
    expect(ids(earnedBadges({ participations: [participation(9, "a", day(1))], attestedSkills: [] }))).not.toContain("dix_heures");
    const badges = earnedBadges({ participations: [participation(4, "a", day(1)), participation(6, "a", day(7)), participation(3, "a", day(9))], attestedSkills: [] });
    expect(badge(badges, "dix_heures")?.earnedAt).toEqual(day(7));
  });

  it("50 heures : 49 h ne suffisent pas, 50 h exactement oui", () => {
    expect(ids(earnedBadges({ participations: [participation(40, "a", day(1)), participation(9, "b", day(2))], attestedSkills: [] }))).not.toContain(
      "cinquante_heures",
    );
    const badges = earnedBadges({ participations: [participation(40, "a", day(1)), participation(10, "b", day(2))], attestedSkills: [] });
    expect(ids(badges)).toEqual(["premiere_mission", "dix_heures", "cinquante_heures"]);
    expect(badge(badges, "cinquante_heures")?.earnedAt).toEqual(day(2));
    expect(badge(badges, "dix_heures")?.earnedAt).toEqual(day(1));
  });

  it("trois administrations différentes aidées : deux missions pour la même ne comptent qu'une fois", () => {
    const twoDistinct = [participation(1, "a", day(1)), participation(1, "a", day(2)), participation(1, "b", day(3))];
    expect(ids(earnedBadges({ participations: twoDistinct, attestedSkills: [] }))).not.toContain("trois_administrations");
    const badges = earnedBadges({ participations: [...twoDistinct, participation(1, "c", day(4))], attestedSkills: [] });
    expect(badge(badges, "trois_administrations")?.earnedAt).toEqual(day(4));
  });

  it("compétence attestée : liste les compétences sans doublon ni vide, sans date", () => {
    const badges = earnedBadges({
      participations: [],
      attestedSkills: [
        { skill: "RGPD", missionTitle: "M1" },
        { skill: "Durcissement Linux", missionTitle: "M1" },
        { skill: "rgpd", missionTitle: "M2" },
        { skill: "  ", missionTitle: "M2" },
      ],
    });
    expect(ids(badges)).toEqual(["competence_attestee"]);
    expect(badge(badges, "competence_attestee")).toMatchObject({ label: "Compétences attestées", skills: ["Durcissement Linux", "RGPD"], earnedAt: null });
    expect(badge(badges, "competence_attestee")?.description).toContain("Durcissement Linux, RGPD");
  });

  it("une liste d'attestations toutes vides ne donne pas le badge", () => {
    expect(earnedBadges({ participations: [], attestedSkills: [{ skill: "", missionTitle: "M" }] })).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { createMatchingEngine, type MatchAgent, type MatchMission } from "./index";

const recolement: MatchMission = {
  id: "recolement",
  title: "Récolement décennal",
  description: "Préparer le récolement décennal des collections : former les personnes qui saisissent les fiches.",
  skills: ["récolement"],
};
const museum: MatchAgent = { id: "A", skills: ["récolement", "inventaire"], bio: "Chargée du récolement des collections du musée." };
const carer: MatchAgent = { id: "B", skills: ["accompagnement des personnes"], bio: "J'aide les personnes âgées et je forme les agents à l'accueil." };

describe("evidence is proportionate (issue 11)", () => {
  it("ranks the agent who does the mission's own niche skill above one who shares everyday words", () => {
    const ranking = createMatchingEngine([museum, carer]).rankAgents(recolement, { top: 2 });
    expect(ranking.map((c) => c.agentId)).toEqual(["A", "B"]);
    const first = ranking[0]!;
    expect(first.reasons.map((r) => r.text).join(" ")).toMatch(/récolement/);
    expect(first.fit).not.toBe("faible");
    const second = ranking[1]!;
    expect(second.reasons.map((r) => r.text).join(" ")).not.toMatch(/Recherche utilisateur/);
    expect(second.fit).toBe("faible");
  });
});

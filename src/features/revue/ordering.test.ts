import { describe, expect, it } from "vitest";
import { moveTarget, orderCandidates, positionsAfterUnpin, type OrderableCandidate } from "./ordering";

function candidate(id: string, overrides: Partial<OrderableCandidate> = {}) {
  return { id, pinned: false, excluded: false, finalPosition: null, engineRank: null, enteredAt: new Date("2026-01-01"), ...overrides };
}

describe("ordre final de la revue", () => {
  const list = [
    candidate("candidature-tardive", { enteredAt: new Date("2026-02-01") }),
    candidate("exclu", { engineRank: 1, excluded: true }),
    candidate("moteur-3", { engineRank: 3 }),
    candidate("candidature", { enteredAt: new Date("2026-01-15") }),
    candidate("epingle", { engineRank: 4, pinned: true, finalPosition: 1 }),
    candidate("moteur-2", { engineRank: 2 }),
  ];

  it("met les épinglés en tête, puis l'ordre du moteur, les candidatures par date, les exclus à la fin", () => {
    expect(orderCandidates(list).map((row) => row.id)).toEqual(["epingle", "moteur-2", "moteur-3", "candidature", "candidature-tardive", "exclu"]);
  });

  it("préfère l'ordre fixé à la main à celui du moteur", () => {
    const manual = list.map((row) => (row.id === "moteur-3" ? { ...row, finalPosition: 2 } : row.id === "moteur-2" ? { ...row, finalPosition: 3 } : row));
    expect(orderCandidates(manual).slice(0, 3).map((row) => row.id)).toEqual(["epingle", "moteur-3", "moteur-2"]);
  });

  it("refuse de sortir de son groupe ou de la liste", () => {
    const ordered = orderCandidates(list);
    expect(moveTarget(ordered, "epingle", "haut")).toEqual({ ok: false, message: "Cet agent est déjà en tête de la liste." });
    expect(moveTarget(ordered, "moteur-2", "haut").ok).toBe(false);
    expect(moveTarget(ordered, "candidature-tardive", "bas")).toEqual({ ok: false, message: "Cet agent est déjà en dernière position." });
    expect(moveTarget(ordered, "exclu", "haut").ok).toBe(false);
    expect(moveTarget(ordered, "moteur-3", "haut")).toMatchObject({ ok: true, neighbour: { id: "moteur-2" } });
  });

  it("remet un agent désépinglé à la place que lui donne le moteur, même quand la DINUM a réordonné les autres", () => {
    // DINUM pinned moteur-4, then moved the application above moteur-5: moteur-4 comes back after
    // moteur-3 (ranked above it by the engine), before the application (unranked), not last.
    const ordered = [
      candidate("moteur-4", { engineRank: 4, pinned: true, finalPosition: 1 }),
      candidate("moteur-3", { engineRank: 3, finalPosition: 1 }),
      candidate("candidature", { finalPosition: 2 }),
      candidate("moteur-5", { engineRank: 5, finalPosition: 3 }),
    ];
    const positions = positionsAfterUnpin(ordered, "moteur-4")!;
    const after = ordered.map((row) => ({ ...row, pinned: false, finalPosition: positions.get(row.id) ?? null }));
    expect(orderCandidates(after).map((row) => row.id)).toEqual(["moteur-3", "moteur-4", "candidature", "moteur-5"]);
    // Without a manual order, the engine's order is enough: nothing to write.
    expect(positionsAfterUnpin(list, "epingle")).toBeNull();
  });
});

/** What the final order of a review needs to know about a candidate. */
export interface OrderableCandidate {
  pinned: boolean;
  excluded: boolean;
  finalPosition: number | null;
  engineRank: number | null;
  /** When the agent entered the list (their application, or DINUM's addition): the last tie-break. */
  enteredAt: Date;
}

/**
 * Within one group: DINUM's manual positions first, then the engine's order, then the agents the
 * engine did not rank (applications, additions by hand) by date.
 */
function compareWithinGroup(a: OrderableCandidate, b: OrderableCandidate): number {
  if (a.finalPosition !== null || b.finalPosition !== null) {
    if (a.finalPosition === null) return 1;
    if (b.finalPosition === null) return -1;
    if (a.finalPosition !== b.finalPosition) return a.finalPosition - b.finalPosition;
  }
  if (a.engineRank !== null || b.engineRank !== null) {
    if (a.engineRank === null) return 1;
    if (b.engineRank === null) return -1;
    if (a.engineRank !== b.engineRank) return a.engineRank - b.engineRank;
  }
  return a.enteredAt.getTime() - b.enteredAt.getTime();
}

function groupOf(candidate: OrderableCandidate): number {
  if (candidate.excluded) return 2;
  return candidate.pinned ? 0 : 1;
}

/** The final order of a review: pinned first, then the others, excluded ones at the end. */
export function orderCandidates<Candidate extends OrderableCandidate>(candidates: readonly Candidate[]): Candidate[] {
  return [...candidates].sort((a, b) => groupOf(a) - groupOf(b) || compareWithinGroup(a, b));
}

/**
 * Where an unpinned agent goes back among the others. When DINUM has ordered them by hand, the
 * agent takes the place the engine's order gives them, before the first one the engine ranks
 * below them (not the end of the list), and the group is numbered again. Returns null when the
 * group follows the engine's order: there is no position to write.
 */
export function positionsAfterUnpin<Candidate extends OrderableCandidate & { id: string }>(
  candidates: readonly Candidate[],
  candidateId: string,
): Map<string, number> | null {
  const moving = candidates.find((candidate) => candidate.id === candidateId);
  if (!moving) return null;
  const others = orderCandidates(candidates.filter((candidate) => !candidate.pinned && !candidate.excluded && candidate.id !== candidateId));
  if (!others.some((candidate) => candidate.finalPosition !== null)) return null;
  const engineAfter = (row: OrderableCandidate) =>
    (row.engineRank ?? Infinity) > (moving.engineRank ?? Infinity) ||
    ((row.engineRank ?? Infinity) === (moving.engineRank ?? Infinity) && row.enteredAt.getTime() > moving.enteredAt.getTime());
  const index = others.findIndex(engineAfter);
  const group = index < 0 ? [...others, moving] : [...others.slice(0, index), moving, ...others.slice(index)];
  return new Map(group.map((row, position) => [row.id, position + 1]));
}

export type MoveDirection = "haut" | "bas";

/**
 * The candidate a move swaps places with, or a French refusal: a move stays within its group,
 * so an unpinned agent never passes a pinned one and excluded agents have no place to move.
 */
export function moveTarget<Candidate extends OrderableCandidate & { id: string }>(
  ordered: readonly Candidate[],
  candidateId: string,
  direction: MoveDirection,
): { ok: true; neighbour: Candidate } | { ok: false; message: string } {
  const index = ordered.findIndex((candidate) => candidate.id === candidateId);
  const moving = ordered[index];
  if (!moving) return { ok: false, message: "Cet agent n'est pas dans la liste de la mission." };
  if (moving.excluded) return { ok: false, message: "Un agent exclu n'a pas de rang : réintégrez-le avant de le déplacer." };
  const neighbour = ordered[direction === "haut" ? index - 1 : index + 1];
  if (!neighbour || neighbour.excluded) {
    return { ok: false, message: direction === "haut" ? "Cet agent est déjà en tête de la liste." : "Cet agent est déjà en dernière position." };
  }
  if (neighbour.pinned !== moving.pinned) {
    return {
      ok: false,
      message: moving.pinned
        ? "Cet agent est déjà le dernier des agents épinglés : désépinglez-le pour le placer plus bas."
        : "Cet agent est déjà juste après les agents épinglés : épinglez-le pour le placer plus haut.",
    };
  }
  return { ok: true, neighbour };
}

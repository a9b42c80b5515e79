import { createHash } from "node:crypto";

/**
 * Results computed for one agent, kept per agent while what they were computed from is unchanged.
 * Each entry carries the key of its inputs (the profile's content, the published-missions index
 * version, the référentiel): a view with the same key is answered from the entry, any change of
 * key recomputes and replaces it. The map is bounded (least recently used entries leave first)
 * and entries age out, because a ranking also reads the corpus statistics of all profiles
 * (document frequencies, average lengths), which drift a little as others edit their profiles.
 */
export class AgentResults<T> {
  private readonly entries = new Map<string, { key: string; at: number; value: Promise<T> }>();

  constructor(
    private readonly capacity: number,
    private readonly maxAgeMs: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * The value for this agent and key: the one held when its key matches and it is fresh enough,
   * else `compute()`'s, held for the next views. Concurrent views of the same key share one
   * computation; a failed computation is not kept.
   */
  get(agentId: string, key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
    const held = this.entries.get(agentId);
    if (held && held.key === key && now - held.at <= this.maxAgeMs) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(agentId);
      this.entries.set(agentId, held);
      return held.value;
    }
    const value = compute();
    const entry = { key, at: now, value };
    this.entries.delete(agentId);
    this.entries.set(agentId, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    value.catch(() => {
      if (this.entries.get(agentId) === entry) this.entries.delete(agentId);
    });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** A short fingerprint of a value's JSON: the version of a profile's content, whatever its timestamps say. */
export function fingerprint(value: unknown): string {
  return createHash("sha1").update(JSON.stringify(value)).digest("base64url");
}

import { describe, expect, it } from "vitest";
import { AgentResults, fingerprint } from "./agent-results";

describe("résultats gardés par agent", () => {
  it("répond depuis l'entrée tant que la clé est la même, recalcule quand elle change", async () => {
    const results = new AgentResults<string>(10, 60_000);
    let computed = 0;
    const compute = (value: string) => async () => {
      computed += 1;
      return value;
    };
    expect(await results.get("a", "v1", compute("un"), 0)).toBe("un");
    expect(await results.get("a", "v1", compute("autre"), 1)).toBe("un");
    expect(computed).toBe(1);
    expect(await results.get("a", "v2", compute("deux"), 2)).toBe("deux");
    expect(computed).toBe(2);
    expect(results.size).toBe(1);
  });

  it("oublie les moins récemment vus au-delà de sa capacité, et les entrées trop vieilles", async () => {
    const results = new AgentResults<number>(2, 1_000);
    await results.get("a", "k", async () => 1, 0);
    await results.get("b", "k", async () => 2, 0);
    await results.get("a", "k", async () => 99, 10); // a is now the most recent
    await results.get("c", "k", async () => 3, 20); // b leaves
    expect(results.size).toBe(2);
    expect(await results.get("b", "k", async () => 20, 30)).toBe(20);
    expect(await results.get("c", "k", async () => 30, 2_000)).toBe(30); // too old: recomputed
  });

  it("partage un calcul en cours et ne garde pas un échec", async () => {
    const results = new AgentResults<number>(10, 60_000);
    let calls = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 5));
    const [x, y] = await Promise.all([results.get("a", "k", slow, 0), results.get("a", "k", slow, 0)]);
    expect([x, y, calls]).toEqual([1, 1, 1]);
    await expect(results.get("b", "k", () => Promise.reject(new Error("panne")), 0)).rejects.toThrow("panne");
    expect(await results.get("b", "k", async () => 7, 1)).toBe(7);
  });

  it("donne la même empreinte au même contenu", () => {
    expect(fingerprint({ a: 1, b: "x" })).toBe(fingerprint({ a: 1, b: "x" }));
    expect(fingerprint({ a: 1, b: "x" })).not.toBe(fingerprint({ a: 1, b: "y" }));
  });
});

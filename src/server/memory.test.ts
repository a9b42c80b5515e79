import { describe, expect, it } from "vitest";
import { collectWhenIdle } from "./memory";

describe("memory given back when the server goes quiet", () => {
  it("collects once the heap grew past the threshold, then waits for it to grow again", () => {
    collectWhenIdle(0); // start from a collection
    let garbage: string[] | null = Array.from({ length: 200_000 }, (_, i) => `ligne ${i} ${"x".repeat(40)}`);
    expect(garbage.length).toBe(200_000);
    garbage = null;
    const collected = collectWhenIdle(4);
    expect(collected).not.toBeNull();
    expect(collected!.after.heapUsedMb).toBeLessThan(collected!.before.heapUsedMb);
    // Nothing allocated since: a quiet spell after a quiet spell collects nothing.
    expect(collectWhenIdle(4)).toBeNull();
    void garbage;
  });
});

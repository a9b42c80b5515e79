import { describe, expect, it } from "vitest";
import { giveMemoryBack } from "./memory";

describe("memory given back when the server goes quiet", () => {
  it("collects the garbage a busy period left", () => {
    let garbage: string[] | null = Array.from({ length: 200_000 }, (_, i) => `ligne ${i} ${"x".repeat(40)}`);
    expect(garbage.length).toBe(200_000);
    garbage = null;
    const collected = giveMemoryBack();
    expect(collected).not.toBeNull();
    expect(collected!.after.heapUsedMb).toBeLessThan(collected!.before.heapUsedMb);
    void garbage;
  });
});

/** Regression floor on the development set (../shared/matching-dev next to the repository). */
import { describe, expect, it } from "vitest";
import { judgedSetDir, measureJudgedSet } from "./judged-set.testkit";

const { dir, available } = judgedSetDir("matching-dev");

describe("dev set regression floor", () => {
  if (!available) it.skip(`skipped: no dev set at ${dir}`, () => {});
  it.skipIf(!available)("keeps nDCG@10 ≥ 0.95 and P@5 ≥ 0.85 (the targets of issue 11)", () => {
    const { ndcg10, p5 } = measureJudgedSet(dir);
    console.log(`dev set: nDCG@10 ${ndcg10.toFixed(4)}, P@5 ${p5.toFixed(4)}`);
    expect(ndcg10).toBeGreaterThanOrEqual(0.95);
    // 102 of 120 top-five places: the mean of per-mission fractions may land a rounding error below 0.85.
    expect(p5).toBeGreaterThanOrEqual(0.85 - 1e-9);
  });
});

/** Regression floor on the development set (../shared/matching-dev next to the repository). */
import { describe, expect, it } from "vitest";
import { judgedSetDir, measureJudgedSet } from "./judged-set.testkit";

const { dir, available } = judgedSetDir("matching-dev");

describe("dev set regression floor", () => {
  if (!available) it.skip(`skipped: no dev set at ${dir}`, () => {});
  it.skipIf(!available)("keeps nDCG@10 ≥ 0.95 and P@5 ≥ 0.83", () => {
    const { ndcg10, p5 } = measureJudgedSet(dir);
    console.log(`dev set: nDCG@10 ${ndcg10.toFixed(4)}, P@5 ${p5.toFixed(4)}`);
    expect(ndcg10).toBeGreaterThanOrEqual(0.95);
    expect(p5).toBeGreaterThanOrEqual(0.83);
  });
});

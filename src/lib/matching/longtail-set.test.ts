/** Regression floor on the long-tail set (../shared/matching-longtail next to the repository). */
import { describe, expect, it } from "vitest";
import { judgedSetDir, measureJudgedSet } from "./judged-set.testkit";

const { dir, available } = judgedSetDir("matching-longtail");

describe("long-tail set regression floor", () => {
  if (!available) it.skip(`skipped: no long-tail set at ${dir}`, () => {});
  it.skipIf(!available)("keeps nDCG@10 ≥ 0.90 and P@5 ≥ 0.75 (the reference BM25F: 0.831 / 0.660)", () => {
    const { ndcg10, p5 } = measureJudgedSet(dir);
    console.log(`long-tail set: nDCG@10 ${ndcg10.toFixed(4)}, P@5 ${p5.toFixed(4)}`);
    expect(ndcg10).toBeGreaterThanOrEqual(0.90);
    expect(p5).toBeGreaterThanOrEqual(0.75);
  });
});

import { describe, expect, it } from "vitest";
import { type ScoredRow, scoreRuns } from "./bench-suggest-score";

const row = (label: string, ranked: string[], confident: boolean): ScoredRow => ({
  label,
  expected: label === "oos" ? null : `t-${label}`,
  ranked,
  confident,
  ms: 1,
  modelVersion: 1,
});

describe("scoreRuns", () => {
  it("scores top-1/top-3/MRR, and an out-of-scope row only by 'no confident suggestion'", () => {
    const trained = [
      row("a", ["t-a", "t-b"], true), // right at 1
      row("b", ["t-a", "t-c", "t-b"], true), // right at 3
      row("c", ["t-a"], false), // wrong
      row("oos", ["t-a"], false), // declined: right
      row("oos", ["t-a"], true), // answered: wrong
    ];
    const scores = scoreRuns(trained, trained, "oos");
    expect(scores.top1).toBeCloseTo(2 / 5, 4);
    expect(scores.top3).toBeCloseTo(3 / 5, 4);
    expect(scores.mrr).toBeCloseTo((1 + 1 / 3 + 1) / 5, 4);
    expect(scores.in_scope_top1).toBeCloseTo(1 / 3, 4);
    expect(scores.oos_recall).toBeCloseTo(1 / 2, 4);
    // Declined: the wrong in-scope "c" and one oos row.
    expect(scores.oos_precision).toBeCloseTo(1 / 2, 4);
    expect(scoreRuns(trained, trained, null).oos_recall).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { stratifiedSplit } from "./split";
import { chooseThreshold, type ThresholdRow } from "./threshold";

describe("stratifiedSplit", () => {
  const labels = [...Array(50).fill("a"), ...Array(10).fill("b"), "c", "d", "d"] as string[];

  it("holds out the same share of each label, and keeps singletons for training", () => {
    const { train, heldOut } = stratifiedSplit(labels, { fraction: 0.2, seed: 1 });
    const count = (rows: number[], label: string) => rows.filter((r) => labels[r] === label).length;
    expect(count(heldOut, "a")).toBe(10);
    expect(count(heldOut, "b")).toBe(2);
    expect(count(heldOut, "c")).toBe(0);
    expect(count(train, "c")).toBe(1);
    expect(count(heldOut, "d")).toBe(0); // round(0.4) = 0
    expect([...train, ...heldOut].sort((x, y) => x - y)).toEqual(labels.map((_, i) => i));
  });

  it("is deterministic for a seed and differs across seeds", () => {
    const a = stratifiedSplit(labels, { fraction: 0.2, seed: 5 });
    expect(stratifiedSplit(labels, { fraction: 0.2, seed: 5 })).toEqual(a);
    expect(stratifiedSplit(labels, { fraction: 0.2, seed: 6 }).heldOut).not.toEqual(a.heldOut);
  });

  it("rejects a fraction outside [0, 1)", () => {
    expect(() => stratifiedSplit(labels, { fraction: 1, seed: 1 })).toThrow(/fraction/);
  });
});

const row = (confidence: number, correct: boolean, outOfScope = false): ThresholdRow => ({
  confidence,
  correct,
  outOfScope,
  predictedOutOfScope: false,
});

describe("chooseThreshold", () => {
  it("picks the lowest threshold whose answered rows reach the target precision", () => {
    // Sorted by confidence: 0.95 ✓, 0.9 ✓, 0.8 ✓, 0.7 ✗, 0.6 ✓, 0.3 ✗
    const rows = [
      row(0.95, true),
      row(0.9, true),
      row(0.8, true),
      row(0.7, false),
      row(0.6, true),
      row(0.3, false),
    ];
    const choice = chooseThreshold(rows, { targetPrecision: 0.75, labelCount: 20 });
    // t = 0.6 answers 5 rows with 4 right (0.8 ≥ 0.75); t = 0.3 would give 4/6.
    expect(choice).toMatchObject({ threshold: 0.6, rule: "precision-target" });
    expect(choice.coverage).toBeCloseTo(5 / 6, 12);
    expect(choice.answeredPrecision).toBeCloseTo(0.8, 12);
    expect(chooseThreshold(rows, { targetPrecision: 0.95, labelCount: 20 }).threshold).toBe(0.8);
  });

  it("never goes below min(0.6, 2 / labels), even when every row is right", () => {
    const rows = [row(0.05, true), row(0.5, true), row(0.9, true)];
    expect(chooseThreshold(rows, { targetPrecision: 0.9, labelCount: 10 }).threshold).toBe(0.2);
    // Two labels: the floor is 0.6, and at 0.6 only the 0.9 row is answered (precision 1).
    expect(chooseThreshold(rows, { targetPrecision: 0.9, labelCount: 2 }).threshold).toBe(0.6);
  });

  it("raises t to keep a margin: at most 1 in 100 right answers given up", () => {
    // 99 right answers at 0.99 and one at 0.3: the precision rule alone gives the floor (0.02).
    const rows = [...Array.from({ length: 99 }, () => row(0.99, true)), row(0.3, true)];
    const choice = chooseThreshold(rows, { targetPrecision: 0.95, labelCount: 100 });
    expect(choice).toMatchObject({
      rule: "margin",
      threshold: 0.99,
      coverage: 0.99,
      answeredPrecision: 1,
    });
  });

  it("falls back to the best precision when the target is out of reach", () => {
    const rows = [row(0.9, true), row(0.8, false), row(0.7, true), row(0.6, false)];
    const choice = chooseThreshold(rows, { targetPrecision: 1.01, labelCount: 50 });
    expect(choice).toMatchObject({ rule: "best-precision", threshold: 0.9, answeredPrecision: 1 });
  });

  it("with out-of-scope rows, maximises the share handled right (ties: lowest)", () => {
    const rows = [
      row(0.9, true),
      row(0.8, true),
      row(0.7, false, true), // out of scope but confident: handled only when t > 0.7
      row(0.65, false, true),
      row(0.6, true),
      row(0.4, false, true),
      { ...row(0.95, false, true), predictedOutOfScope: true }, // predicted oos: never answered
    ];
    // t = 0.6: 0.9 ✓ 0.8 ✓ 0.7 ✗ 0.65 ✗ 0.6 ✓ 0.4 ✓ oos ✓ → 5/7
    // t = 0.7: 0.7 ✗ 0.65 ✓ 0.6 ✗ → 5/7;  t = 0.8: 0.7 ✓ 0.65 ✓ 0.6 ✗ → 6/7;  t = 0.9: 5/7
    const choice = chooseThreshold(rows, { targetPrecision: 0.9, labelCount: 50 });
    expect(choice.rule).toBe("out-of-scope-accuracy");
    expect(choice.threshold).toBe(0.8);
    expect(choice.accuracy).toBeCloseTo(6 / 7, 12);
    // Without the 0.65 row, 0.6 and 0.8 tie at 5/6: the lower one answers more.
    const tied = rows.filter((r) => r.confidence !== 0.65);
    expect(chooseThreshold(tied, { targetPrecision: 0.9, labelCount: 50 }).threshold).toBe(0.6);
  });

  it("with out-of-scope rows, never goes below what the in-scope rows alone would choose", () => {
    // The held-out out-of-scope rows are all labelled out of scope by the model, so accuracy
    // alone is the same at every t and would take the floor (0.04), answering anything. The
    // in-scope rows' margin (their lowest right answer, 0.7) holds instead.
    const predictedOos = { ...row(0.9, false, true), predictedOutOfScope: true };
    const rows = [row(0.95, true), row(0.9, true), row(0.7, true), predictedOos, predictedOos];
    const choice = chooseThreshold(rows, { targetPrecision: 0.9, labelCount: 50 });
    expect(choice).toMatchObject({ threshold: 0.7, rule: "margin", coverage: 3 / 5 });
    expect(choice.accuracy).toBe(1);
  });
});

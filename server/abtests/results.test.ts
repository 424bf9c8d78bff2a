import { describe, expect, it } from "vitest";
import { assignVariant } from "./assignment";
import { plannedSamplePerVariant } from "./plan";
import { computeResults } from "./results";

const ones = (k: number, n: number) => Array.from({ length: n }, (_, i) => (i < k ? 1 : 0));

describe("assignment", () => {
  it("is deterministic per (test, conversation) and follows the weights", () => {
    const variants = [
      { id: "a", weight: 3 },
      { id: "b", weight: 1 },
    ];
    expect(assignVariant("t1", "c1", variants)).toBe(assignVariant("t1", "c1", variants));
    let a = 0;
    for (let i = 0; i < 4000; i++) if (assignVariant("t1", `c${i}`, variants).id === "a") a++;
    expect(a / 4000).toBeGreaterThan(0.72);
    expect(a / 4000).toBeLessThan(0.78);
  });
});

describe("computeResults", () => {
  const test = { metric: "resolution_rate" as const, alpha: 0.05, plannedPerVariant: 100 };

  it("hides the verdict until every variant has the planned sample", () => {
    const r = computeResults(test, [
      { variantId: "a", label: "A", values: ones(30, 100) },
      { variantId: "b", label: "B", values: ones(60, 99) },
    ]);
    expect(r.state).toBe("collecting");
    expect(r.progress).toEqual({ minN: 99, planned: 100 });
    expect(r.verdict).toBeNull();
  });

  it("uses chi-square with more than two variants and Holm-adjusts the comparisons", () => {
    // SciPy 1.17.1: chi2_contingency([[30,70],[42,58],[25,75]], correction=False).pvalue
    const r = computeResults(test, [
      { variantId: "a", label: "A", values: ones(30, 100) },
      { variantId: "b", label: "B", values: ones(42, 100) },
      { variantId: "c", label: "C", values: ones(25, 100) },
    ]);
    expect(r.verdict?.test).toBe("chi_square");
    expect(r.verdict?.pValue).toBeCloseTo(0.030534332887920873, 12);
    const [b, c] = [r.variants[1]?.comparison, r.variants[2]?.comparison];
    expect(b?.adjustedPValue).toBeCloseTo(
      Math.min(1, 2 * Math.min(b?.pValue ?? 1, c?.pValue ?? 1)),
      12,
    );
    // B vs A alone is not significant after Holm, so there is no winner.
    expect(r.verdict?.winnerVariantId).toBeNull();
  });

  it("uses Welch's t-test for CSAT means", () => {
    // SciPy 1.17.1: ttest_ind([5,5,4,5,3,5,5,4,5,5,4], [4,5,3,5,4,2,5,4], equal_var=False).pvalue
    const r = computeResults({ metric: "csat", alpha: 0.05, plannedPerVariant: 8 }, [
      { variantId: "a", label: "A", values: [4, 5, 3, 5, 4, 2, 5, 4] },
      { variantId: "b", label: "B", values: [5, 5, 4, 5, 3, 5, 5, 4, 5, 5, 4] },
    ]);
    expect(r.verdict).toMatchObject({ test: "welch_t", significant: false, winnerVariantId: null });
    expect(r.verdict?.pValue).toBeCloseTo(0.23158610618456124, 12);
  });

  it("plans with α split across comparisons when there are more than two variants", () => {
    const two = plannedSamplePerVariant({
      metric: "resolution_rate",
      alpha: 0.05,
      power: 0.8,
      mde: 0.1,
      baseRate: 0.3,
      variants: 2,
    });
    const three = plannedSamplePerVariant({
      metric: "resolution_rate",
      alpha: 0.05,
      power: 0.8,
      mde: 0.1,
      baseRate: 0.3,
      variants: 3,
    });
    expect(two).toBe(356);
    expect(three).toBeGreaterThan(two);
  });
});

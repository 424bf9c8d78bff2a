import { describe, expect, it } from "vitest";
import {
  chiSquareSf,
  chiSquareTest,
  holmAdjust,
  newcombeDifferenceInterval,
  normalCdf,
  normalQuantile,
  sampleSizeTwoMeans,
  sampleSizeTwoProportions,
  studentTCdf,
  studentTQuantile,
  summarize,
  twoProportionZTest,
  welchDifferenceInterval,
  welchTTest,
  wilsonInterval,
} from "@/server/stats";

// Every expected value below was computed independently with SciPy 1.17.1 / NumPy (python3) and
// pasted as a constant; the call that produced it is named next to it.

describe("distributions", () => {
  it("normal CDF and quantile", () => {
    // SciPy 1.17.1: scipy.stats.norm.cdf(z) for z = -1.96, 0.5, -8.0, 3.1
    expect(normalCdf(-1.96)).toBeCloseTo(0.024997895148220435, 12);
    expect(normalCdf(0.5)).toBeCloseTo(0.6914624612740131, 12);
    expect(normalCdf(-8) / 6.22096057427174e-16).toBeCloseTo(1, 8);
    expect(normalCdf(3.1)).toBeCloseTo(0.9990323967867817, 12);
    // SciPy 1.17.1: scipy.stats.norm.ppf(p) for p = 0.975, 0.8, 0.001, 1e-10, 0.5
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 10);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 10);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 10);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 8);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
  });

  it("chi-square survival function (regularised upper incomplete gamma)", () => {
    // SciPy 1.17.1: scipy.stats.chi2.sf(x, k)
    expect(chiSquareSf(3.84, 1)).toBeCloseTo(0.05004352124870519, 12);
    expect(chiSquareSf(10.5, 3)).toBeCloseTo(0.014760897143990665, 12);
    expect(chiSquareSf(0.3, 2)).toBeCloseTo(0.8607079764250578, 12);
    expect(chiSquareSf(60, 4) / 2.9008631203404573e-12).toBeCloseTo(1, 8);
    expect(chiSquareSf(0, 3)).toBe(1);
  });

  it("Student t CDF (regularised incomplete beta) at fractional df, and its quantile", () => {
    // SciPy 1.17.1: scipy.stats.t.cdf(t, df)
    expect(studentTCdf(2.1, 7.3)).toBeCloseTo(0.9638766432875733, 12);
    expect(studentTCdf(-0.4, 2.5)).toBeCloseTo(0.3604096344653614, 12);
    expect(studentTCdf(1.5, 100)).toBeCloseTo(0.9316174709376556, 12);
    // SciPy 1.17.1: scipy.stats.t.ppf(0.975, 4.2)
    expect(studentTQuantile(0.975, 4.2)).toBeCloseTo(2.7250727225923743, 9);
  });
});

describe("tests of proportions", () => {
  const a = { successes: 45, n: 200 };
  const b = { successes: 60, n: 200 };

  it("pooled two-proportion z-test", () => {
    // NumPy closed form (pooled SE) and SciPy 1.17.1 2*norm.sf(|z|) → z, p
    const r = twoProportionZTest(a, b);
    expect(r.statistic).toBeCloseTo(1.704572969181408, 12);
    expect(r.pValue).toBeCloseTo(0.08827409627537744, 12);
  });

  it("chi-square of a 2×2 table equals z² and gives the same p", () => {
    // SciPy 1.17.1: chi2_contingency([[45,155],[60,140]], correction=False)
    const r = chiSquareTest([a, b]);
    expect(r.statistic).toBeCloseTo(2.905569007263922, 12);
    expect(r.pValue).toBeCloseTo(0.08827409627537733, 12);
  });

  it("chi-square of a 3×2 table", () => {
    // SciPy 1.17.1: chi2_contingency([[30,70],[42,58],[25,75]], correction=False) → dof 2
    const r = chiSquareTest([
      { successes: 30, n: 100 },
      { successes: 42, n: 100 },
      { successes: 25, n: 100 },
    ]);
    expect(r.statistic).toBeCloseTo(6.977807120004062, 12);
    expect(r.pValue).toBeCloseTo(0.030534332887920873, 12);
    expect(r.df).toBe(2);
  });

  it("tiny n and zero successes in one arm", () => {
    // SciPy 1.17.1: chi2_contingency([[0,5],[3,2]], correction=False)
    const r = chiSquareTest([
      { successes: 0, n: 5 },
      { successes: 3, n: 5 },
    ]);
    expect(r.statistic).toBeCloseTo(4.285714285714286, 12);
    expect(r.pValue).toBeCloseTo(0.03843393023678176, 12);
  });

  it("no variance at all: no evidence (z = 0, p = 1) rather than NaN", () => {
    expect(twoProportionZTest({ successes: 0, n: 10 }, { successes: 0, n: 12 })).toEqual({
      statistic: 0,
      pValue: 1,
    });
    expect(
      chiSquareTest([
        { successes: 5, n: 5 },
        { successes: 7, n: 7 },
      ]).pValue,
    ).toBe(1);
    expect(twoProportionZTest({ successes: 0, n: 0 }, { successes: 1, n: 2 }).pValue).toBe(1);
  });

  it("Wilson intervals, including 0/n and n/n", () => {
    // SciPy 1.17.1: binomtest(k, n).proportion_ci(0.95, method="wilson")
    const cases: [number, number, number, number][] = [
      [45, 200, 0.1726236971508913, 0.2877412323566053],
      [0, 20, 0, 0.16112515805281935],
      [20, 20, 0.8388748419471808, 1],
      [1, 3, 0.06149194472039626, 0.7923403991979523],
    ];
    for (const [k, n, low, high] of cases) {
      const ci = wilsonInterval({ successes: k, n });
      expect(ci.low).toBeCloseTo(low, 10);
      expect(ci.high).toBeCloseTo(high, 10);
    }
  });

  it("Newcombe difference interval brackets the observed difference", () => {
    const ci = newcombeDifferenceInterval(a, b);
    expect(ci.low).toBeLessThan(0.075);
    expect(ci.high).toBeGreaterThan(0.075);
    // the z-test is not significant at 5%, so the 95% interval contains 0
    expect(ci.low).toBeLessThan(0);
  });
});

describe("Welch's t-test", () => {
  const a = summarize([4, 5, 3, 5, 4, 2, 5, 4]);
  const b = summarize([5, 5, 4, 5, 3, 5, 5, 4, 5, 5, 4]);

  it("statistic, Welch–Satterthwaite df, p and CI", () => {
    // SciPy 1.17.1: ttest_ind(b, a, equal_var=False) and .confidence_interval(0.95)
    const r = welchTTest(a, b);
    expect(r.statistic).toBeCloseTo(1.2653128144551444, 12);
    expect(r.df).toBeCloseTo(11.139392485017154, 10);
    expect(r.pValue).toBeCloseTo(0.23158610618456124, 12);
    const ci = welchDifferenceInterval(a, b);
    expect(ci.low).toBeCloseTo(-0.40190566667560024, 8);
    expect(ci.high).toBeCloseTo(1.492814757584692, 8);
  });

  it("tiny samples", () => {
    // SciPy 1.17.1: ttest_ind([3,5,4], [1,2], equal_var=False)
    const r = welchTTest(summarize([1, 2]), summarize([3, 5, 4]));
    expect(r.statistic).toBeCloseTo(3.273268353539886, 12);
    expect(r.df).toBeCloseTo(2.8823529411764697, 12);
    expect(r.pValue).toBeCloseTo(0.04941625686257753, 12);
    expect(welchTTest(summarize([3]), summarize([4, 5])).pValue).toBe(1);
  });

  it("zero variance: SciPy gives NaN; equal means are p = 1, different means p = 0", () => {
    expect(welchTTest(summarize([3, 3, 3]), summarize([3, 3, 3])).pValue).toBe(1);
    expect(welchTTest(summarize([3, 3, 3]), summarize([4, 4])).pValue).toBe(0);
  });
});

describe("Holm and sample size", () => {
  it("Holm–Bonferroni step-down adjustment keeps input order", () => {
    // Holm's formula run in python3 (statsmodels is not installed): sorted p·(m−i), running max
    expect(holmAdjust([0.01, 0.04, 0.03, 0.005])).toEqual([0.03, 0.06, 0.06, 0.02]);
    expect(holmAdjust([0.5, 0.9])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
  });

  it("two proportions (Fleiss, no continuity correction)", () => {
    // python3 closed form with SciPy 1.17.1 norm.ppf: 355.9428127116254, 5141.306183038052, 23.31288459691201
    expect(sampleSizeTwoProportions({ alpha: 0.05, power: 0.8, baseRate: 0.3, mde: 0.1 })).toBe(
      356,
    );
    expect(sampleSizeTwoProportions({ alpha: 0.05, power: 0.9, baseRate: 0.1, mde: 0.02 })).toBe(
      5142,
    );
    expect(sampleSizeTwoProportions({ alpha: 0.05, power: 0.8, baseRate: 0.3, mde: 0.4 })).toBe(24);
    expect(() =>
      sampleSizeTwoProportions({ alpha: 0.05, power: 0.8, baseRate: 0.95, mde: 0.1 }),
    ).toThrow(RangeError);
  });

  it("two means", () => {
    // python3 closed form with SciPy 1.17.1 norm.ppf: 2·1.2²·(z.975+z.8)²/0.3² = 251.16415149917083
    expect(sampleSizeTwoMeans({ alpha: 0.05, power: 0.8, sd: 1.2, mde: 0.3 })).toBe(252);
  });
});

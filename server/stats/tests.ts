import {
  chiSquareSf,
  normalQuantile,
  normalSf,
  studentTQuantile,
  studentTTwoSidedP,
} from "./distributions";

/** A proportion: successes out of trials. */
export type Proportion = { successes: number; n: number };

export type Interval = { low: number; high: number };

export type TestResult = {
  statistic: number;
  pValue: number;
  /** Degrees of freedom where the test has them (chi-square, Welch). */
  df?: number;
};

/**
 * Pooled two-proportion z-test, two-sided (H0: p1 = p2). With no variance at all (both arms
 * 0% or both 100%) there is no evidence of a difference: z = 0, p = 1.
 */
export function twoProportionZTest(a: Proportion, b: Proportion): TestResult {
  if (a.n <= 0 || b.n <= 0) return { statistic: 0, pValue: 1 };
  const p1 = a.successes / a.n;
  const p2 = b.successes / b.n;
  const pooled = (a.successes + b.successes) / (a.n + b.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  if (se === 0) return { statistic: 0, pValue: 1 };
  const z = (p2 - p1) / se;
  return { statistic: z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))) };
}

/**
 * Pearson chi-square test of independence on a k×2 table (rows = variants, columns =
 * success/failure), no continuity correction (SciPy's chi2_contingency(correction=False)).
 * Rows with n = 0 are dropped; a column total of zero means no variance: χ² = 0, p = 1.
 */
export function chiSquareTest(rows: readonly Proportion[]): TestResult {
  const used = rows.filter((r) => r.n > 0);
  const k = used.length;
  if (k < 2) return { statistic: 0, pValue: 1, df: Math.max(0, k - 1) };
  const total = used.reduce((s, r) => s + r.n, 0);
  const succ = used.reduce((s, r) => s + r.successes, 0);
  const fail = total - succ;
  const df = k - 1;
  if (succ === 0 || fail === 0) return { statistic: 0, pValue: 1, df };
  let x2 = 0;
  for (const r of used) {
    const e1 = (r.n * succ) / total;
    const e0 = (r.n * fail) / total;
    x2 += (r.successes - e1) ** 2 / e1 + (r.n - r.successes - e0) ** 2 / e0;
  }
  return { statistic: x2, pValue: chiSquareSf(x2, df), df };
}

/** Summary of a sample of numbers (CSAT scores). */
export type Sample = { n: number; mean: number; variance: number };

export function summarize(values: readonly number[]): Sample {
  const n = values.length;
  if (n === 0) return { n: 0, mean: Number.NaN, variance: Number.NaN };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = n > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : Number.NaN;
  return { n, mean, variance };
}

/** Welch–Satterthwaite degrees of freedom. */
export function welchDf(a: Sample, b: Sample): number {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  return (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
}

/**
 * Welch's unequal-variance t-test, two-sided, statistic = mean(b) − mean(a) over its SE
 * (SciPy's ttest_ind(b, a, equal_var=False)). Needs n ≥ 2 per arm; with zero variance in both
 * arms, equal means give p = 1 and different means p = 0 (SciPy returns NaN there).
 */
export function welchTTest(a: Sample, b: Sample): TestResult {
  if (a.n < 2 || b.n < 2) return { statistic: Number.NaN, pValue: 1, df: Number.NaN };
  const se = Math.sqrt(a.variance / a.n + b.variance / b.n);
  const diff = b.mean - a.mean;
  if (se === 0) {
    return diff === 0
      ? { statistic: 0, pValue: 1, df: a.n + b.n - 2 }
      : { statistic: diff > 0 ? Infinity : -Infinity, pValue: 0, df: a.n + b.n - 2 };
  }
  const t = diff / se;
  const df = welchDf(a, b);
  return { statistic: t, pValue: Math.min(1, studentTTwoSidedP(t, df)), df };
}

/** Wilson score interval for a proportion (well-behaved at 0 and n, unlike Wald). */
export function wilsonInterval(p: Proportion, confidence = 0.95): Interval {
  if (p.n <= 0) return { low: 0, high: 1 };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const phat = p.successes / p.n;
  const z2 = z * z;
  const denom = 1 + z2 / p.n;
  const centre = (phat + z2 / (2 * p.n)) / denom;
  const half = (z * Math.sqrt((phat * (1 - phat)) / p.n + z2 / (4 * p.n * p.n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Newcombe's hybrid score interval (method 10) for p2 − p1, built from the Wilson intervals. */
export function newcombeDifferenceInterval(
  a: Proportion,
  b: Proportion,
  confidence = 0.95,
): Interval {
  const p1 = a.n > 0 ? a.successes / a.n : 0;
  const p2 = b.n > 0 ? b.successes / b.n : 0;
  const w1 = wilsonInterval(a, confidence);
  const w2 = wilsonInterval(b, confidence);
  const d = p2 - p1;
  const low = d - Math.sqrt((p2 - w2.low) ** 2 + (w1.high - p1) ** 2);
  const high = d + Math.sqrt((w2.high - p2) ** 2 + (p1 - w1.low) ** 2);
  return { low, high };
}

/** Welch confidence interval for mean(b) − mean(a). */
export function welchDifferenceInterval(a: Sample, b: Sample, confidence = 0.95): Interval {
  if (a.n < 2 || b.n < 2) return { low: -Infinity, high: Infinity };
  const se = Math.sqrt(a.variance / a.n + b.variance / b.n);
  const d = b.mean - a.mean;
  if (se === 0) return { low: d, high: d };
  const t = studentTQuantile(1 - (1 - confidence) / 2, welchDf(a, b));
  return { low: d - t * se, high: d + t * se };
}

/** t interval for one mean (a variant's CSAT). */
export function meanInterval(s: Sample, confidence = 0.95): Interval {
  if (s.n < 2) return { low: -Infinity, high: Infinity };
  const se = Math.sqrt(s.variance / s.n);
  const t = studentTQuantile(1 - (1 - confidence) / 2, s.n - 1);
  return { low: s.mean - t * se, high: s.mean + t * se };
}

/**
 * Holm–Bonferroni step-down adjusted p-values, in the input order (statsmodels'
 * multipletests(method="holm")): sort ascending, p(i)·(m − i), running max, capped at 1.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, p * (m - rank)));
    adjusted[i] = running;
  });
  return adjusted;
}

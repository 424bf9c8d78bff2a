import {
  chiSquareTest,
  holmAdjust,
  type Interval,
  meanInterval,
  newcombeDifferenceInterval,
  type Sample,
  summarize,
  twoProportionZTest,
  welchDifferenceInterval,
  welchTTest,
  wilsonInterval,
} from "@/server/stats";

export type AbMetric = "resolution_rate" | "csat" | "acceptance";

/** One variant's observations: 0/1 outcomes for rates, scores for CSAT. */
export type VariantObservations = { variantId: string; label: string; values: number[] };

export type VariantResult = {
  variantId: string;
  label: string;
  n: number;
  /** Rate (0–1) or mean CSAT; null with no observations. */
  estimate: number | null;
  interval: Interval | null;
  /** Versus the control (position 0); null for the control itself. */
  comparison: {
    difference: number;
    interval: Interval;
    pValue: number;
    /** Holm-adjusted across the comparisons with the control (equal to pValue with one). */
    adjustedPValue: number;
  } | null;
};

export type AbResults = {
  metric: AbMetric;
  alpha: number;
  plannedPerVariant: number;
  /** "collecting" until every variant has the planned sample (the peeking guard). */
  state: "collecting" | "ready";
  progress: { minN: number; planned: number };
  variants: VariantResult[];
  /** Hidden (null) while collecting. */
  verdict: {
    test: "two_proportion_z" | "chi_square" | "welch_t";
    statistic: number;
    pValue: number;
    significant: boolean;
    /** The best variant whose comparison with the control is significant after Holm. */
    winnerVariantId: string | null;
  } | null;
};

const finite = (i: Interval): Interval => ({
  low: Number.isFinite(i.low) ? i.low : -1e9,
  high: Number.isFinite(i.high) ? i.high : 1e9,
});

/**
 * The results of a test from its observations (variants in position order, control first). Rates
 * use the pooled two-proportion z-test with two variants and the k×2 chi-square with more; CSAT
 * uses Welch's t-test. Pairwise comparisons with the control are Holm-adjusted. The verdict is
 * computed only once every variant reached `plannedPerVariant` (fixed horizon: no peeking).
 * Pure: the router (through store.ts) and `bench abtest` both call it.
 */
export function computeResults(
  test: { metric: AbMetric; alpha: number; plannedPerVariant: number },
  observations: readonly VariantObservations[],
): AbResults {
  const rate = test.metric !== "csat";
  const samples: Sample[] = observations.map((o) => summarize(o.values));
  const props = observations.map((o) => ({
    successes: o.values.reduce((s, v) => s + (v > 0 ? 1 : 0), 0),
    n: o.values.length,
  }));
  const control = 0;
  const raw = observations.slice(1).map((_, j) => {
    const i = j + 1;
    if (rate) {
      const a = props[control] ?? { successes: 0, n: 0 };
      const b = props[i] ?? { successes: 0, n: 0 };
      const diff = (b.n ? b.successes / b.n : 0) - (a.n ? a.successes / a.n : 0);
      return {
        difference: diff,
        interval: newcombeDifferenceInterval(a, b),
        pValue: twoProportionZTest(a, b).pValue,
      };
    }
    const a = samples[control] ?? summarize([]);
    const b = samples[i] ?? summarize([]);
    return {
      difference: (b.n ? b.mean : 0) - (a.n ? a.mean : 0),
      interval: finite(welchDifferenceInterval(a, b)),
      pValue: welchTTest(a, b).pValue,
    };
  });
  const adjusted = holmAdjust(raw.map((r) => r.pValue));

  const variants: VariantResult[] = observations.map((o, i) => {
    const n = o.values.length;
    const p = props[i] ?? { successes: 0, n: 0 };
    const s = samples[i] ?? summarize([]);
    const comparison = i === 0 ? null : raw[i - 1];
    return {
      variantId: o.variantId,
      label: o.label,
      n,
      estimate: n === 0 ? null : rate ? p.successes / n : s.mean,
      interval: n === 0 ? null : rate ? wilsonInterval(p) : finite(meanInterval(s)),
      comparison: comparison ? { ...comparison, adjustedPValue: adjusted[i - 1] ?? 1 } : null,
    };
  });

  const minN = Math.min(...observations.map((o) => o.values.length));
  const ready = observations.length >= 2 && minN >= test.plannedPerVariant;
  const progress = { minN: Number.isFinite(minN) ? minN : 0, planned: test.plannedPerVariant };
  if (!ready) {
    return {
      metric: test.metric,
      alpha: test.alpha,
      plannedPerVariant: test.plannedPerVariant,
      state: "collecting",
      progress,
      variants,
      verdict: null,
    };
  }

  let omnibus: {
    test: "two_proportion_z" | "chi_square" | "welch_t";
    statistic: number;
    pValue: number;
  };
  if (!rate) {
    // With more than two CSAT variants the Holm-adjusted minimum is the family-wise test.
    const best = Math.min(...adjusted);
    const first = welchTTest(samples[0] ?? summarize([]), samples[1] ?? summarize([]));
    omnibus = {
      test: "welch_t",
      statistic: first.statistic,
      pValue: observations.length > 2 ? best : first.pValue,
    };
  } else if (observations.length === 2) {
    const z = twoProportionZTest(
      props[0] ?? { successes: 0, n: 0 },
      props[1] ?? { successes: 0, n: 0 },
    );
    omnibus = { test: "two_proportion_z", ...z };
  } else {
    const c = chiSquareTest(props);
    omnibus = { test: "chi_square", statistic: c.statistic, pValue: c.pValue };
  }
  const significant = omnibus.pValue < test.alpha;
  // The winner: among variants beating the control significantly after Holm, the best estimate.
  // With no significant improvement there is no winner (the control stays).
  let winner: VariantResult | null = null;
  if (significant) {
    for (const v of variants) {
      const c = v.comparison;
      if (c && c.adjustedPValue < test.alpha && c.difference > 0) {
        if (!winner || (v.estimate ?? 0) > (winner.estimate ?? 0)) winner = v;
      }
    }
  }
  return {
    metric: test.metric,
    alpha: test.alpha,
    plannedPerVariant: test.plannedPerVariant,
    state: "ready",
    progress,
    variants,
    verdict: { ...omnibus, significant, winnerVariantId: winner?.variantId ?? null },
  };
}

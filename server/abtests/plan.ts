import { sampleSizeTwoMeans, sampleSizeTwoProportions } from "@/server/stats";
import type { AbMetric } from "./results";

export type PlanInput = {
  metric: AbMetric;
  alpha: number;
  power: number;
  mde: number;
  /** Rate metrics: the control's expected rate. */
  baseRate?: number | null;
  /** CSAT: the expected standard deviation of scores. */
  sd?: number | null;
  variants: number;
};

/**
 * The planned sample per variant from the power analysis. With more than two variants α is
 * split Bonferroni-style across the comparisons with the control (a conservative bound on what
 * Holm needs), so the horizon still gives the stated power per comparison.
 */
export function plannedSamplePerVariant(input: PlanInput): number {
  const comparisons = Math.max(1, input.variants - 1);
  const alpha = input.alpha / comparisons;
  if (input.metric === "csat") {
    return sampleSizeTwoMeans({ alpha, power: input.power, sd: input.sd ?? 1, mde: input.mde });
  }
  return sampleSizeTwoProportions({
    alpha,
    power: input.power,
    baseRate: input.baseRate ?? 0.3,
    mde: input.mde,
  });
}

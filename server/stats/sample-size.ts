import { normalQuantile } from "./distributions";

export type PowerInput = {
  /** Two-sided significance level, e.g. 0.05. */
  alpha: number;
  /** 1 − β, e.g. 0.8. */
  power: number;
};

/**
 * Sample size per arm to detect p2 = base + mde against p1 = base with a two-sided pooled
 * two-proportion z-test (Fleiss, Statistical Methods for Rates and Proportions, eq. 4.14
 * without continuity correction):
 *   n = (z_{1−α/2}·√(2·p̄(1−p̄)) + z_{1−β}·√(p1(1−p1) + p2(1−p2)))² / (p2 − p1)²
 * rounded up. `mde` is absolute (0.1 = ten percentage points).
 */
export function sampleSizeTwoProportions(
  input: PowerInput & { baseRate: number; mde: number },
): number {
  const { alpha, power, baseRate, mde } = input;
  const p1 = baseRate;
  const p2 = baseRate + mde;
  if (!(mde !== 0 && p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1)) {
    throw new RangeError("base rate and base rate + MDE must both lie strictly between 0 and 1");
  }
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const pbar = (p1 + p2) / 2;
  const num = za * Math.sqrt(2 * pbar * (1 - pbar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((num * num) / (mde * mde) - 1e-9);
}

/**
 * Sample size per arm to detect a difference `mde` in means with standard deviation `sd` in each
 * arm (normal approximation): n = 2·σ²·(z_{1−α/2} + z_{1−β})² / Δ², rounded up.
 */
export function sampleSizeTwoMeans(input: PowerInput & { sd: number; mde: number }): number {
  const { alpha, power, sd, mde } = input;
  if (!(sd > 0 && mde !== 0)) throw new RangeError("sd must be > 0 and the MDE non-zero");
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  return Math.ceil((2 * sd * sd * z * z) / (mde * mde) - 1e-9);
}

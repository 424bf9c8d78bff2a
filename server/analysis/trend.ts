/**
 * Trend of a count between two consecutive periods of equal length: the change ratio and a flag.
 * "growing" needs both a relative rise (≥ 1.5×, the smoothed ratio) and an absolute one (≥ minRise
 * more), so 1 → 3 messages is not a trend and 20 → 60 is.
 */
export type TrendDirection = "new" | "growing" | "stable" | "shrinking";

export interface Trend {
  previous: number;
  current: number;
  /** current / previous (previous 0: null). */
  ratio: number | null;
  direction: TrendDirection;
}

export function trendOf(previous: number, current: number, minRise = 3): Trend {
  const ratio = previous > 0 ? current / previous : null;
  const smoothed = (current + 1) / (previous + 1);
  let direction: TrendDirection = "stable";
  if (previous === 0 && current >= minRise) direction = "new";
  else if (smoothed >= 1.5 && current - previous >= minRise) direction = "growing";
  else if (smoothed <= 1 / 1.5 && previous - current >= minRise) direction = "shrinking";
  return {
    previous,
    current,
    ratio: ratio === null ? null : Math.round(ratio * 100) / 100,
    direction,
  };
}

/** Split timestamps at the middle of [from, to): counts in the earlier and the later half. */
export function halves(times: readonly (Date | null)[], from: Date, to: Date) {
  const middle = from.getTime() + (to.getTime() - from.getTime()) / 2;
  let previous = 0;
  let current = 0;
  for (const t of times) {
    if (!t) continue;
    const ms = t.getTime();
    if (ms < from.getTime() || ms >= to.getTime()) continue;
    if (ms < middle) previous++;
    else current++;
  }
  return { previous, current };
}

/**
 * One time budget for all the user patterns a request runs: render, validation and trigger
 * matching draw from the same object, so fifty slow patterns cost one budget, not fifty
 * timeouts. The caller that owns the request creates it (the tRPC context makes one per HTTP
 * request, shared by every call of a batch) and passes it down explicitly.
 *
 * Charged with the time patterns actually ran (measured in the worker), so time spent on the
 * database, in the queue or starting a worker does not eat into it; the wait for a worker is
 * bounded by what is left of the budget. Pure: usable in the browser too.
 */
export interface RegexBudget {
  /** The whole budget, for messages. */
  readonly ms: number;
  /** Milliseconds left; never negative. */
  remaining(): number;
  /** Charges time spent running (or waiting to run) patterns. */
  spend(ms: number): void;
}

/** What one HTTP request may spend on user patterns, all of them together. */
export const REQUEST_REGEX_BUDGET_MS = 250;

export function createRegexBudget({ ms }: { ms: number }): RegexBudget {
  if (!Number.isFinite(ms) || ms < 0)
    throw new RangeError(`A regex budget needs ms ≥ 0, got ${ms}`);
  let spent = 0;
  return {
    ms,
    remaining: () => Math.max(0, ms - spent),
    spend: (elapsed) => {
      spent += Math.max(0, elapsed);
    },
  };
}

/**
 * How user-supplied regular expressions are run. Callers inject a RegexRunner so the pure
 * modules (renderer, trigger matcher) stay synchronous and usable in the browser; user
 * patterns reach them through withPrecomputedRegex (precomputed-regex.ts), which runs the
 * patterns off the caller's thread under a budget: regex-worker-pool.ts on the server,
 * components/templates/preview-regex-worker.ts in the browser.
 */

export type RegexOutcome =
  | { ok: true; matched: boolean }
  | {
      ok: false;
      /** `timeout`: stopped while running; `skipped`: not run, the budget was spent. */
      reason: "invalid" | "timeout" | "skipped" | "too-long";
      message: string;
    };

export type RegexRunner = (pattern: string, flags: string, input: string) => RegexOutcome;

/** Longest input a user pattern is ever run against; longer input is refused, not truncated. */
export const MAX_REGEX_INPUT = 20_000;

/**
 * Runs in the calling thread with no time bound: for tests and for patterns the code itself
 * wrote. Never for user patterns: a catastrophic one would freeze the thread (the server's
 * event loop, or the author's tab).
 */
export const runRegexInThread: RegexRunner = (pattern, flags, input) => {
  if (input.length > MAX_REGEX_INPUT) {
    return {
      ok: false,
      reason: "too-long",
      message: `The text is ${input.length} characters long; patterns are checked on at most ${MAX_REGEX_INPUT}.`,
    };
  }
  try {
    return { ok: true, matched: new RegExp(pattern, flags).test(input) };
  } catch (error) {
    return { ok: false, reason: "invalid", message: describeRegexError(error) };
  }
};

/** V8 already says "Invalid regular expression: /x(/: Unterminated group"; keep that verbatim. */
export function describeRegexError(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  const text = typeof message === "string" ? message : String(error);
  return text.startsWith("Invalid regular expression")
    ? text
    : `Invalid regular expression: ${text}`;
}

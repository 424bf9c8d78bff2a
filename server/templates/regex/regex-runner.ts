/**
 * How user-supplied regular expressions are run. Callers inject a RegexRunner so the pure
 * modules (renderer, trigger matcher) stay usable in the browser, while the server injects
 * the time-bounded runner from bounded-regex-runner.ts.
 */

export type RegexOutcome =
  | { ok: true; matched: boolean }
  | { ok: false; reason: "invalid" | "timeout" | "too-long"; message: string };

export type RegexRunner = (pattern: string, flags: string, input: string) => RegexOutcome;

/** Longest input a user pattern is ever run against; longer input is refused, not truncated. */
export const MAX_REGEX_INPUT = 20_000;

/**
 * Runs in the calling thread with no time bound. Only for the browser editor's preview, where
 * a slow pattern can stall nobody but its own author; server code uses runRegexBounded.
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

import vm from "node:vm";
import { describeRegexError, MAX_REGEX_INPUT, type RegexRunner } from "./regex-runner";

/**
 * The hard guarantee against catastrophic backtracking: every user pattern runs inside
 * `vm.Script#runInContext` with a `timeout`. Node's watchdog calls V8's TerminateExecution,
 * which interrupts the regexp engine mid-backtrack (verified by bounded-regex-runner.test.ts:
 * `(a+)+$` on 36 a's and a `!` returns in ~REGEX_TIMEOUT_MS instead of running for minutes).
 *
 * Why not only a static check: no syntactic rule catches every slow pattern. Why not a
 * linear-time engine: V8's experimental one is behind a flag, and RE2 is a native dependency.
 * Cost: ~60–90 µs per call (the watchdog thread), measured here on 2 cores — fine for the
 * handful of regex triggers a workspace has. The bound blocks the event loop for at most
 * REGEX_TIMEOUT_MS per pattern, and patterns are also screened when saved (analyze-pattern.ts).
 * Node-only (node:vm): do not import from browser code.
 */
export const REGEX_TIMEOUT_MS = 50;

// One context for the process: creating a context costs ~1 ms, and running is synchronous,
// so the shared globals cannot be interleaved by two callers.
const sandbox = vm.createContext({ pattern: "", flags: "", input: "" });
const script = new vm.Script("new RegExp(pattern, flags).test(input)");

export function createBoundedRegexRunner(timeoutMs: number = REGEX_TIMEOUT_MS): RegexRunner {
  return (pattern, flags, input) => {
    if (input.length > MAX_REGEX_INPUT) {
      return {
        ok: false,
        reason: "too-long",
        message: `The text is ${input.length} characters long; patterns are checked on at most ${MAX_REGEX_INPUT}.`,
      };
    }
    sandbox.pattern = pattern;
    sandbox.flags = flags;
    sandbox.input = input;
    try {
      const matched: unknown = script.runInContext(sandbox, { timeout: timeoutMs });
      return { ok: true, matched: matched === true };
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code === "ERR_SCRIPT_EXECUTION_TIMEOUT") {
        return {
          ok: false,
          reason: "timeout",
          message: `The regular expression took longer than ${timeoutMs} ms and was stopped; simplify it.`,
        };
      }
      // Errors thrown inside the context come from its own realm: not `instanceof Error` here.
      return { ok: false, reason: "invalid", message: describeRegexError(error) };
    } finally {
      sandbox.input = "";
    }
  };
}

/** The runner server code passes wherever a user pattern is run. */
export const runRegexBounded: RegexRunner = createBoundedRegexRunner();

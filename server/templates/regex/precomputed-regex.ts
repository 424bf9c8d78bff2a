import { MAX_REGEX_INPUT, type RegexOutcome, type RegexRunner } from "./regex-runner";

/** One pattern to run against one text. */
export interface RegexJob {
  pattern: string;
  flags: string;
  input: string;
}

/**
 * Runs a list of jobs somewhere other than the caller's thread (a worker pool on the server,
 * a Web Worker in the browser) and answers one outcome per job, in order. Jobs it could not
 * run in time come back as `timeout` (the one that was running) or `skipped` (the rest).
 */
export type RegexExecutor = (jobs: readonly RegexJob[]) => Promise<RegexOutcome[]>;

export interface Precomputed<T> {
  result: T;
  /** Jobs that did not finish: the budget ran out while or before running them. */
  stopped: { job: RegexJob; outcome: RegexOutcome & { ok: false } }[];
}

const keyOf = (job: RegexJob) => `${job.flags}\u0000${job.pattern}\u0000${job.input}`;

const tooLong = (input: string): RegexOutcome => ({
  ok: false,
  reason: "too-long",
  message: `The text is ${input.length} characters long; patterns are checked on at most ${MAX_REGEX_INPUT}.`,
});

/**
 * Lets the synchronous, pure modules (renderer, trigger matcher) use an asynchronous
 * executor without changing them: `compute` runs once with a runner that only records which
 * patterns it asks for, the recorded jobs go to the executor in one batch, then `compute`
 * runs again with a runner that answers from the outcomes. `compute` must be deterministic
 * and must ask for the same patterns whatever the answers are (the renderer checks each
 * variable once; the matcher checks every active regex trigger), which both do.
 */
export async function withPrecomputedRegex<T>(
  compute: (runRegex: RegexRunner) => T,
  execute: RegexExecutor,
): Promise<Precomputed<T>> {
  const jobs = new Map<string, RegexJob>();
  let asked = false;
  const recorded = compute((pattern, flags, input) => {
    asked = true;
    const job = { pattern, flags, input };
    if (input.length <= MAX_REGEX_INPUT) jobs.set(keyOf(job), job);
    return { ok: true, matched: true };
  });
  // No pattern asked for (most templates, most trigger sets): the first pass's result depends
  // on no answer, so it is the result; a second pass would only repeat it.
  if (!asked) return { result: recorded, stopped: [] };
  const list = [...jobs.values()];
  const outcomes = list.length > 0 ? await execute(list) : [];
  const byKey = new Map<string, RegexOutcome>();
  const stopped: Precomputed<T>["stopped"] = [];
  list.forEach((job, index) => {
    const outcome = outcomes[index] ?? {
      ok: false,
      reason: "skipped",
      message: "The pattern was not checked.",
    };
    byKey.set(keyOf(job), outcome);
    if (!outcome.ok && (outcome.reason === "timeout" || outcome.reason === "skipped")) {
      stopped.push({ job, outcome });
    }
  });
  const result = compute((pattern, flags, input) => {
    if (input.length > MAX_REGEX_INPUT) return tooLong(input);
    return (
      byKey.get(keyOf({ pattern, flags, input })) ?? {
        ok: false,
        reason: "skipped",
        message: "The pattern was not checked.",
      }
    );
  });
  return { result, stopped };
}

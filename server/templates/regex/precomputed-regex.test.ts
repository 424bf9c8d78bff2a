import { describe, expect, it, vi } from "vitest";
import { type RegexExecutor, withPrecomputedRegex } from "./precomputed-regex";
import { MAX_REGEX_INPUT, type RegexRunner } from "./regex-runner";

/** A compute that checks each pattern against the text and lists what matched. */
const matching =
  (patterns: string[], text: string) =>
  (run: RegexRunner): string[] =>
    patterns.filter((p) => {
      const outcome = run(p, "i", text);
      return outcome.ok && outcome.matched;
    });

/** Runs jobs in this thread, as the worker pool would. */
const localExecutor: RegexExecutor = async (jobs) =>
  jobs.map((job) => ({ ok: true, matched: new RegExp(job.pattern, job.flags).test(job.input) }));

describe("withPrecomputedRegex", () => {
  it("computes once and calls no executor when no pattern is asked for", async () => {
    const compute = vi.fn(() => "plain");
    const execute = vi.fn(localExecutor);
    const out = await withPrecomputedRegex(compute, execute);
    expect(out).toEqual({ result: "plain", stopped: [] });
    expect(compute).toHaveBeenCalledTimes(1);
    expect(execute).not.toHaveBeenCalled();
  });

  it("sends each distinct pattern once and answers the second pass from the outcomes", async () => {
    const execute = vi.fn(localExecutor);
    const out = await withPrecomputedRegex(
      matching(["^order", "refund", "^order"], "Order 123 arrived broken"),
      execute,
    );
    expect(out.result).toEqual(["^order", "^order"]);
    expect(execute).toHaveBeenCalledTimes(1);
    expect(execute.mock.calls[0]?.[0].map((j) => j.pattern)).toEqual(["^order", "refund"]);
  });

  it("does not send a text past the limit and answers it as too long", async () => {
    const execute = vi.fn(localExecutor);
    const long = "a".repeat(MAX_REGEX_INPUT + 1);
    const out = await withPrecomputedRegex((run) => run("a", "", long), execute);
    expect(out.result).toMatchObject({ ok: false, reason: "too-long" });
    expect(execute).not.toHaveBeenCalled();
  });

  it("lists the jobs the budget stopped", async () => {
    const execute: RegexExecutor = async (jobs) =>
      jobs.map(() => ({ ok: false, reason: "timeout", message: "took too long" }));
    const out = await withPrecomputedRegex(matching(["(a+)+$"], "aaaa!"), execute);
    expect(out.result).toEqual([]);
    expect(out.stopped.map((s) => s.job.pattern)).toEqual(["(a+)+$"]);
  });
});

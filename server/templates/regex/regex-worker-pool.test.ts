import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, describe, expect, it } from "vitest";
import { withPrecomputedRegex } from "./precomputed-regex";
import { createRegexBudget } from "./regex-budget";
import { MAX_REGEX_INPUT } from "./regex-runner";
import { createRegexPool } from "./regex-worker-pool";

const pool = createRegexPool({ size: 2 });
afterAll(() => pool.close());

const EVIL = `${"a".repeat(40)}!`;
const job = (pattern: string, input: string, flags = "") => ({ pattern, flags, input });
const roomy = () => createRegexBudget({ ms: 5_000 });

describe("regex worker pool", () => {
  it("keeps JavaScript semantics: flags i m s u, lookarounds, backreferences", async () => {
    const outcomes = await pool.run(
      [
        job("^refund$", "REFUND", "i"),
        job("^b$", "a\nb", "m"),
        job("a.b", "a\nb", "s"),
        job("^\\p{L}+$", "Ünïcödé", "u"),
        job("(?<=#)\\d+", "order #42"),
        job("(?<!#)\\d+", "#1"),
        job("(\\w)\\1", "aa"),
        job("(?<x>ab)\\k<x>", "abab"),
      ],
      roomy(),
    );
    expect(outcomes.map((o) => o.ok && o.matched)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      true,
      true,
    ]);
  });

  it("reports an invalid pattern with the engine's message", async () => {
    expect(await pool.run([job("[z-a]", "x")], roomy())).toEqual([
      {
        ok: false,
        reason: "invalid",
        message: expect.stringContaining("Range out of order in character class"),
      },
    ]);
  });

  it("stops a catastrophic batch at the budget without blocking the event loop", async () => {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const budget = createRegexBudget({ ms: 300 });
    const jobs = Array.from({ length: 50 }, (_, i) => job("^(?:(a|a)*)$", `${EVIL}${i}`, "u"));
    const started = performance.now();
    const outcomes = await pool.run(jobs, budget);
    const elapsed = performance.now() - started;
    delay.disable();
    expect(outcomes[0]).toMatchObject({ ok: false, reason: "timeout" });
    expect(outcomes.slice(1).every((o) => !o.ok && o.reason === "skipped")).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_500);
    expect(budget.remaining()).toBe(0);
    // The old in-thread runner held the loop for the whole 50 × 50 ms.
    expect(delay.max / 1e6).toBeLessThan(100);
  });

  it("keeps the worker after a stopped batch: no respawn, next batch answers at once", async () => {
    const before = pool.terminations();
    await pool.run([job("(a+)+$", EVIL)], createRegexBudget({ ms: 30 }));
    const started = performance.now();
    expect(await pool.run([job("a+!", EVIL)], roomy())).toEqual([{ ok: true, matched: true }]);
    expect(performance.now() - started).toBeLessThan(200);
    expect(pool.terminations()).toBe(before);
  });

  it("runs nothing once the budget is spent", async () => {
    const budget = createRegexBudget({ ms: 0 });
    expect(await pool.run([job("a", "a")], budget)).toEqual([
      { ok: false, reason: "skipped", message: expect.stringContaining("not checked") },
    ]);
  });

  it("gives up waiting for a worker when the budget would run out", async () => {
    const small = createRegexPool({ size: 1 });
    try {
      const busy = small.run([job("(a|a)*$", EVIL)], createRegexBudget({ ms: 400 }));
      const queued = await small.run([job("a", "a")], createRegexBudget({ ms: 50 }));
      expect(queued[0]).toMatchObject({ ok: false, reason: "skipped" });
      expect((await busy)[0]).toMatchObject({ ok: false, reason: "timeout" });
    } finally {
      await small.close();
    }
  });

  it("terminates and replaces a worker that does not answer in time", async () => {
    const mute = createRegexPool({ size: 1, source: "setInterval(() => {}, 1000);" });
    try {
      // Let the worker come online first, so the boot allowance does not apply.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const outcomes = await mute.run(
        [job("a", "a"), job("b", "b")],
        createRegexBudget({ ms: 50 }),
      );
      expect(outcomes.map((o) => !o.ok && o.reason)).toEqual(["timeout", "skipped"]);
      expect(mute.terminations()).toBe(1);
    } finally {
      await mute.close();
    }
  });
});

describe("withPrecomputedRegex", () => {
  it("runs each distinct job once and answers the synchronous code from the results", async () => {
    const batches: number[] = [];
    const { result, stopped } = await withPrecomputedRegex(
      (run) =>
        [run("a", "", "a"), run("a", "", "a"), run("b", "", "a")].map((o) => o.ok && o.matched),
      async (jobs) => {
        batches.push(jobs.length);
        return pool.run(jobs, roomy());
      },
    );
    expect(result).toEqual([true, true, false]);
    expect(batches).toEqual([2]);
    expect(stopped).toEqual([]);
  });

  it("refuses text above the size limit without sending it", async () => {
    const { result } = await withPrecomputedRegex(
      (run) => run("a", "", "a".repeat(MAX_REGEX_INPUT + 1)),
      async () => {
        throw new Error("nothing to run");
      },
    );
    expect(result).toMatchObject({ ok: false, reason: "too-long" });
  });
});

import { describe, expect, it } from "vitest";
import {
  createBoundedRegexRunner,
  REGEX_TIMEOUT_MS,
  runRegexBounded,
} from "./bounded-regex-runner";
import { MAX_REGEX_INPUT, runRegexInThread } from "./regex-runner";

const EVIL_INPUT = `${"a".repeat(36)}!`;

describe("runRegexBounded", () => {
  it("matches ordinary patterns like RegExp#test", () => {
    expect(runRegexBounded("where is my (order|package)", "i", "Where is my ORDER?")).toEqual({
      ok: true,
      matched: true,
    });
    expect(runRegexBounded("^refund$", "i", "no refund")).toEqual({ ok: true, matched: false });
  });

  it("stops a catastrophically backtracking pattern within the time bound", () => {
    const started = performance.now();
    const result = runRegexBounded("(a+)+$", "", EVIL_INPUT);
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ ok: false, reason: "timeout" });
    // Unbounded, this input needs ~2^36 steps (minutes). Generous margin for a loaded CI box.
    expect(elapsed).toBeLessThan(200);
    expect(elapsed).toBeGreaterThanOrEqual(REGEX_TIMEOUT_MS - 5);
  });

  it("keeps working after a timeout", () => {
    const run = createBoundedRegexRunner(20);
    expect(run("(a|a)*$", "", EVIL_INPUT)).toMatchObject({ ok: false, reason: "timeout" });
    expect(run("a+!", "", EVIL_INPUT)).toEqual({ ok: true, matched: true });
  });

  it("reports an invalid pattern with the engine's message", () => {
    expect(runRegexBounded("[z-a]", "", "x")).toEqual({
      ok: false,
      reason: "invalid",
      message: expect.stringContaining("Range out of order in character class"),
    });
  });

  it("refuses input above the size limit instead of truncating it", () => {
    const long = "a".repeat(MAX_REGEX_INPUT + 1);
    expect(runRegexBounded("a", "", long)).toMatchObject({ ok: false, reason: "too-long" });
    expect(runRegexInThread("a", "", long)).toMatchObject({ ok: false, reason: "too-long" });
  });
});

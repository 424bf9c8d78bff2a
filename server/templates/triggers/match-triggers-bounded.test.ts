import { describe, expect, it } from "vitest";
import type { TemplateTrigger } from "../language/trigger-schema";
import { createRegexBudget } from "../regex/regex-budget";
import { matchTriggersBounded } from "./match-triggers-bounded";

const t = (kind: TemplateTrigger["kind"], value: string): TemplateTrigger => ({
  kind,
  value,
  weight: 1,
  active: true,
});

describe("matchTriggersBounded", () => {
  it("matches regex triggers in the worker pool like RegExp#test", async () => {
    const result = await matchTriggersBounded(
      "Where is my ORDER #12345?",
      [t("regex", "order\\s+#?\\d+"), t("regex", "(?<=my )order"), t("regex", "^refund$")],
      createRegexBudget({ ms: 2_000 }),
    );
    expect(result).toMatchObject({ matched: [0, 1], errors: [], budgetExhausted: false });
  });

  it("stops a catastrophic trigger at the budget and still matches keywords", async () => {
    const budget = createRegexBudget({ ms: 100 });
    const started = performance.now();
    const result = await matchTriggersBounded(
      `${"a".repeat(40)}!`,
      [t("regex", "(a+)+$"), t("keyword", "a".repeat(40)), t("regex", "a!")],
      budget,
    );
    // Unbounded, this backtracks for minutes. Generous margin for a loaded two-core box.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.matched).toEqual([1]);
    expect(result.budgetExhausted).toBe(true);
    expect(result.errors).toEqual([
      { index: 0, message: expect.stringContaining("so it was stopped") },
      { index: 2, message: expect.stringContaining("was not checked") },
    ]);
    expect(budget.remaining()).toBe(0);
  });

  it("shares one budget across calls: once spent, later calls run no pattern", async () => {
    const budget = createRegexBudget({ ms: 50 });
    await matchTriggersBounded(`${"a".repeat(40)}!`, [t("regex", "(a|a)*$")], budget);
    const started = performance.now();
    const later = await matchTriggersBounded("refund", [t("regex", "refund")], budget);
    expect(performance.now() - started).toBeLessThan(50);
    expect(later.errors).toEqual([{ index: 0, message: expect.stringContaining("not checked") }]);
  });
});

import type { TemplateTrigger } from "../language/trigger-schema";
import { withPrecomputedRegex } from "../regex/precomputed-regex";
import type { RegexBudget } from "../regex/regex-budget";
import { regexExecutor } from "../regex/regex-worker-pool";
import { matchTriggers, type TriggerMatchResult } from "./match-triggers";

/**
 * Server-side trigger matching: the regex triggers run in the worker pool under the caller's
 * budget (create one per request with createRegexBudget and pass it to every call, so a
 * request matching many templates shares one budget). A regex trigger that was stopped or
 * not run because the budget was spent is listed in `errors` and does not fire; keyword and
 * phrase triggers are unaffected.
 */
export async function matchTriggersBounded(
  message: string,
  triggers: readonly TemplateTrigger[],
  budget: RegexBudget,
): Promise<TriggerMatchResult & { budgetExhausted: boolean }> {
  const { result, stopped } = await withPrecomputedRegex(
    (runRegex) => matchTriggers(message, triggers, { runRegex }),
    regexExecutor(budget),
  );
  return { ...result, budgetExhausted: stopped.length > 0 };
}

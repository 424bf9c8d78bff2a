import { type TemplateTrigger, TRIGGER_REGEX_FLAGS } from "../language/trigger-schema";
import type { RegexRunner } from "../regex/regex-runner";
import { normalizeForMatching } from "./normalize-text";

export interface TriggerMatchOptions {
  /** Server code calls matchTriggersBounded (match-triggers-bounded.ts) instead, which runs
   * regex triggers in the worker pool under a budget. */
  runRegex: RegexRunner;
}

export interface TriggerMatchResult {
  /** Active triggers that fired, by index in the input list. */
  matched: number[];
  /** Sum of the weights of the matched triggers. */
  score: number;
  /** Regex triggers that could not be run (invalid, too slow, text too long). */
  errors: { index: number; message: string }[];
  /** Active intent and sentiment triggers: a classifier decides those, not text matching. */
  deferred: number[];
}

/**
 * Matches a customer message against a template's triggers:
 * - keyword: whole words, case- and accent-insensitive ("refund" fires on "Refund?" but not
 *   on "refunded"), done on normalised text rather than with `\b`, which is ASCII-only;
 * - phrase: a substring of the normalised message ("where is my order");
 * - regex: the user's pattern on the raw message, through the injected runner.
 * Inactive triggers are skipped.
 */
export function matchTriggers(
  message: string,
  triggers: readonly TemplateTrigger[],
  options: TriggerMatchOptions,
): TriggerMatchResult {
  const result: TriggerMatchResult = { matched: [], score: 0, errors: [], deferred: [] };
  let normalized: string | undefined;
  const words = () => {
    normalized ??= ` ${normalizeForMatching(message)} `;
    return normalized;
  };

  triggers.forEach((trigger, index) => {
    if (!trigger.active) return;
    let fired = false;
    switch (trigger.kind) {
      case "keyword": {
        const keyword = normalizeForMatching(trigger.value);
        fired = keyword !== "" && words().includes(` ${keyword} `);
        break;
      }
      case "phrase": {
        const phrase = normalizeForMatching(trigger.value);
        fired = phrase !== "" && words().includes(phrase);
        break;
      }
      case "regex": {
        const outcome = options.runRegex(trigger.value, TRIGGER_REGEX_FLAGS, message);
        if (outcome.ok) fired = outcome.matched;
        else result.errors.push({ index, message: outcome.message });
        break;
      }
      case "intent":
      case "sentiment":
        result.deferred.push(index);
        return;
    }
    if (fired) {
      result.matched.push(index);
      result.score += trigger.weight;
    }
  });
  return result;
}

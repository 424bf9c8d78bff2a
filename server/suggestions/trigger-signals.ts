import type { TriggerKind } from "@/server/templates/language/trigger-schema";
import type { RegexBudget } from "@/server/templates/regex/regex-budget";
import { matchTriggersBounded } from "@/server/templates/triggers/match-triggers-bounded";
import { normalizeForMatching } from "@/server/templates/triggers/normalize-text";
import type { Catalog } from "./catalog";
import type { SentimentLabel } from "./sentiment";

export interface FiredTrigger {
  kind: TriggerKind;
  value: string;
  weight: number;
}

/**
 * Every active trigger of the workspace in one pass. Keyword and phrase triggers match exactly
 * as matchTriggers (templates/triggers/match-triggers.ts) does — whole normalised words, or a
 * substring of the normalised message — but against values normalised once per catalog; regex
 * triggers go through the bounded matcher (one batch in the worker pool, under the request's
 * budget). Then the two kinds a classifier decides: sentiment (VADER's label of the message) and
 * intent (the model's first template, named by id, name or a dataset label it learnt from).
 */
export async function matchAllTriggers(
  catalog: Catalog,
  message: string,
  budget: RegexBudget,
  decided: { sentiment: SentimentLabel; topIntent: Set<string> | null },
): Promise<{ byTemplate: Map<string, FiredTrigger[]>; warnings: string[] }> {
  const byTemplate = new Map<string, FiredTrigger[]>();
  const warnings: string[] = [];
  if (catalog.triggers.length === 0) return { byTemplate, warnings };
  const fire = (index: number) => {
    const trigger = catalog.triggers[index];
    const template = catalog.templates[catalog.triggerOwner[index] ?? -1];
    if (!trigger || !template) return;
    const list = byTemplate.get(template.id) ?? [];
    list.push({ kind: trigger.kind, value: trigger.value, weight: trigger.weight });
    byTemplate.set(template.id, list);
  };
  const normalized = normalizeForMatching(message);
  const padded = ` ${normalized} `;
  const words = new Set(normalized.split(" "));
  const intents = decided.topIntent
    ? new Set([...decided.topIntent].map((name) => normalizeForMatching(name)))
    : null;
  const regexIndex: number[] = [];
  catalog.triggers.forEach((trigger, index) => {
    const value = catalog.normalizedValues[index];
    switch (trigger.kind) {
      case "keyword":
        if (value && (value.includes(" ") ? padded.includes(` ${value} `) : words.has(value)))
          fire(index);
        break;
      case "phrase":
        if (value && normalized.includes(value)) fire(index);
        break;
      case "regex":
        regexIndex.push(index);
        break;
      case "sentiment":
        if (normalizeForMatching(trigger.value) === decided.sentiment) fire(index);
        break;
      case "intent":
        if (intents?.has(normalizeForMatching(trigger.value))) fire(index);
        break;
    }
  });
  if (regexIndex.length > 0) {
    const regexTriggers = regexIndex.map((i) => catalog.triggers[i]).filter((t) => t !== undefined);
    const result = await matchTriggersBounded(message, regexTriggers, budget);
    for (const k of result.matched) fire(regexIndex[k] ?? -1);
    if (result.budgetExhausted)
      warnings.push(
        "Some regex triggers were not checked: the request's time for patterns ran out.",
      );
  }
  return { byTemplate, warnings };
}

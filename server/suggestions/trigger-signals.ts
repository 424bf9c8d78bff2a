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
 * Every active trigger of the workspace in one pass: keyword, phrase and regex through the
 * bounded matcher (all regex triggers in one batch in the worker pool, under the request's
 * budget), then the two kinds a classifier decides: sentiment (VADER's label of the message)
 * and intent (the model's first template, named by id, name or a dataset label it learnt from).
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
  const result = await matchTriggersBounded(message, catalog.triggers, budget);
  const fire = (index: number) => {
    const trigger = catalog.triggers[index];
    const template = catalog.templates[catalog.triggerOwner[index] ?? -1];
    if (!trigger || !template) return;
    const list = byTemplate.get(template.id) ?? [];
    list.push({ kind: trigger.kind, value: trigger.value, weight: trigger.weight });
    byTemplate.set(template.id, list);
  };
  for (const index of result.matched) fire(index);
  const intents = decided.topIntent
    ? new Set([...decided.topIntent].map((name) => normalizeForMatching(name)))
    : null;
  for (const index of result.deferred) {
    const trigger = catalog.triggers[index];
    if (!trigger) continue;
    const value = normalizeForMatching(trigger.value);
    if (trigger.kind === "sentiment" && value === decided.sentiment) fire(index);
    if (trigger.kind === "intent" && intents?.has(value)) fire(index);
  }
  if (result.budgetExhausted)
    warnings.push("Some regex triggers were not checked: the request's time for patterns ran out.");
  return { byTemplate, warnings };
}

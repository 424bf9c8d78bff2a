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
  const intents = decided.topIntent
    ? new Set([...decided.topIntent].map((name) => normalizeForMatching(name)))
    : null;
  const normalized = normalizeForMatching(message);
  const padded = ` ${normalized} `;
  const index = indexOf(catalog);
  // Fired in trigger order (a template's reasons list them so), whatever found them first.
  const fired: number[] = [];
  for (const word of new Set(normalized.split(" "))) {
    const hits = index.byWord.get(word);
    if (hits) for (const i of hits) fired.push(i);
  }
  for (const i of index.scanned) {
    const value = catalog.normalizedValues[i];
    if (!value) continue;
    if (
      catalog.triggers[i]?.kind === "keyword"
        ? padded.includes(` ${value} `)
        : normalized.includes(value)
    )
      fired.push(i);
  }
  for (const i of index.decided) {
    const trigger = catalog.triggers[i];
    if (!trigger) continue;
    const value = normalizeForMatching(trigger.value);
    if (trigger.kind === "sentiment" ? value === decided.sentiment : intents?.has(value) === true)
      fired.push(i);
  }
  fired.sort((a, b) => a - b);
  for (const i of fired) fire(i);
  const regexIndex = index.regex;
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

/**
 * Where each trigger is checked, per catalog (built on its first request): one-word keywords by
 * their word, so a message looks up its own few words instead of testing every keyword of every
 * template (1,991 triggers at 1,000 templates: 0.9 ms per request measured under load); phrases
 * and several-word keywords are still tested one by one (substrings).
 */
interface TriggerIndex {
  byWord: Map<string, number[]>;
  scanned: number[];
  /** Sentiment and intent triggers: decided by a classifier's label. */
  decided: number[];
  regex: number[];
}

const indexes = new WeakMap<Catalog, TriggerIndex>();

function indexOf(catalog: Catalog): TriggerIndex {
  let index = indexes.get(catalog);
  if (index) return index;
  index = { byWord: new Map(), scanned: [], decided: [], regex: [] };
  for (const [i, trigger] of catalog.triggers.entries()) {
    const value = catalog.normalizedValues[i];
    if (trigger.kind === "keyword" && value && !value.includes(" ")) {
      const list = index.byWord.get(value) ?? [];
      list.push(i);
      index.byWord.set(value, list);
    } else if (trigger.kind === "keyword" || trigger.kind === "phrase") index.scanned.push(i);
    else if (trigger.kind === "regex") index.regex.push(i);
    else if (trigger.kind === "sentiment" || trigger.kind === "intent") index.decided.push(i);
  }
  indexes.set(catalog, index);
  return index;
}

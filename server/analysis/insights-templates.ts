/**
 * Insights about templates (issue #15, section 4): confused pairs, weak templates, and the part of
 * the accuracy loss neither explains. Impact formulas: README "Insights".
 */
import type { ComputedInsight, InsightFacts } from "./insights";
import { exactImpact, int, pct, q, r2, roundImpact, times } from "./insights-format";

/** A pair confused fewer times than this (both directions together) is noise, not an insight. */
export const MIN_CONFUSIONS = 3;
/** Below this accuracy the unexplained part of the errors is reported (low_accuracy). */
export const LOW_ACCURACY = 0.9;

/** Both directions of a pair together; every confused message was a wrong top suggestion. */
export function confusionInsights(facts: InsightFacts): ComputedInsight[] {
  const pairs = new Map<string, { a: string; b: string; ab: number; ba: number }>();
  for (const c of facts.confusions) {
    if (c.expected === c.predicted || c.count <= 0) continue;
    const [a, b] = [c.expected, c.predicted].sort();
    const key = JSON.stringify([a, b]);
    const pair = pairs.get(key) ?? { a: a as string, b: b as string, ab: 0, ba: 0 };
    if (c.expected === pair.a) pair.ab += c.count;
    else pair.ba += c.count;
    pairs.set(key, pair);
  }
  const out: ComputedInsight[] = [];
  for (const { a, b, ab, ba } of pairs.values()) {
    const count = ab + ba;
    if (count < MIN_CONFUSIONS) continue;
    const raw = (100 * count) / facts.messages;
    const impact = roundImpact(raw);
    const detail =
      ab > 0 && ba > 0
        ? ` (${q(b)} suggested for ${q(a)} ${times(ab)}, ${q(a)} for ${q(b)} ${times(ba)})`
        : ` (${q(ab > 0 ? b : a)} suggested when the agent used ${q(ab > 0 ? a : b)})`;
    out.push({
      kind: "confused_templates",
      impact,
      score: exactImpact(raw),
      basis: {
        templates: [a, b],
        confusions: count,
        [`${a} → ${b}`]: ab,
        [`${b} → ${a}`]: ba,
        messages: facts.messages,
        formula: `impact = 100 × confusions / messages = 100 × ${count} / ${facts.messages} = ${impact}`,
      },
      text: `Templates ${q(a)} and ${q(b)} were confused ${times(count)}${detail}: merge them if they answer the same question, or add examples that tell them apart.`,
    });
  }
  return out;
}

/**
 * Misses (support × (1 − recall)) plus false alarms (support × recall × (1 − precision) /
 * precision). Dropped when the listed confusions involving the template already account for
 * all of that: the confusion insight is the more specific advice.
 */
export function weakTemplateInsights(facts: InsightFacts): ComputedInsight[] {
  const out: ComputedInsight[] = [];
  for (const t of facts.weakTemplates) {
    const { precision: p, recall: r, support: s } = t;
    const missed = s * (1 - r);
    const wrong = p > 0 ? (s * r * (1 - p)) / p : 0;
    const affected = missed + wrong;
    const explained = facts.confusions
      .filter(
        (c) => c.expected !== c.predicted && (c.expected === t.name || c.predicted === t.name),
      )
      .reduce((sum, c) => sum + c.count, 0);
    if (affected < 1 || explained >= affected) continue;
    const raw = (100 * affected) / facts.messages;
    const impact = roundImpact(raw);
    const advice =
      r <= p
        ? "add examples of the messages it answers"
        : "add examples to the templates it is wrongly suggested for, so they are told apart";
    out.push({
      kind: "weak_template",
      impact,
      score: exactImpact(raw),
      basis: {
        template: t.name,
        precision: t.precision,
        recall: t.recall,
        support: s,
        missed: r2(missed),
        wronglySuggested: r2(wrong),
        messages: facts.messages,
        formula: `impact = 100 × (support × (1 − recall) + support × recall × (1 − precision) / precision) / messages = 100 × (${s} × (1 − ${r}) + ${s} × ${r} × (1 − ${p}) / ${p}) / ${facts.messages} = ${impact}`,
      },
      text: `Template ${q(t.name)} is weak: recall ${pct(r)} and precision ${pct(p)} over ${int(s)} messages (about ${int(missed)} missed, ${int(wrong)} wrongly suggested): ${advice}.`,
    });
  }
  return out;
}

/** The wrong top suggestions the listed confusions do not explain. */
export function lowAccuracy(facts: InsightFacts): ComputedInsight | null {
  if (facts.accuracy === null || facts.accuracy >= LOW_ACCURACY) return null;
  const explainedCount = facts.confusions
    .filter((c) => c.expected !== c.predicted)
    .reduce((sum, c) => sum + c.count, 0);
  const errorShare = 1 - facts.accuracy;
  const explained = explainedCount / facts.messages;
  const raw = 100 * (errorShare - explained);
  const impact = roundImpact(raw);
  if (impact <= 0) return null;
  return {
    kind: "low_accuracy",
    impact,
    score: exactImpact(raw),
    basis: {
      accuracy: facts.accuracy,
      explainedByConfusions: explainedCount,
      messages: facts.messages,
      formula: `impact = 100 × ((1 − accuracy) − explained confusions / messages) = 100 × ((1 − ${facts.accuracy}) − ${explainedCount} / ${facts.messages}) = ${impact}`,
    },
    text: `The top suggestion was the agent's template for ${pct(facts.accuracy)} of messages; ${pct(impact / 100)} of messages were wrong in ways no single pair of templates explains: retrain on recent conversations and add examples to templates that have few.`,
  };
}

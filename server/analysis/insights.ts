/**
 * Learning insights (issue #15, section 4): ranked, actionable recommendations computed from an
 * analysis's facts. Pure: no database, no AI (server/ai/narrate-insights.ts may reword the texts).
 *
 * Impact, for every kind, is the expected share of the analysed messages (in percent, 0–100) that
 * fixing the problem would help: 100 × messages affected / messages × how often they fail. One
 * scale for every kind, so the ranking compares like with like. Formulas per kind in the README
 * ("Insights") and in each insight's `basis.formula`, with the numbers substituted.
 */
import { exactImpact, int, pct, q, r1, roundImpact } from "./insights-format";
import { confusionInsights, lowAccuracy, weakTemplateInsights } from "./insights-templates";
import type { TrendDirection } from "./trend";

export { roundImpact } from "./insights-format";
export { LOW_ACCURACY, MIN_CONFUSIONS } from "./insights-templates";

export interface InsightFacts {
  scope: { source: "dataset" | "inbox"; label: string };
  messages: number;
  /** Messages with no confident suggestion. */
  unconfident: number;
  /** Top suggestion == the agent's template, share in [0, 1]; null when unknown. */
  accuracy: number | null;
  gaps: Array<{
    ref: string;
    title: string;
    size: number;
    severity: number;
    failureRate: number;
    trend: TrendDirection | null;
    keyPhrases: string[];
    suggestedAction: { kind: "create_template" } | { kind: "add_examples"; label: string };
  }>;
  patterns: Array<{
    ref: string;
    topic: string;
    previous: number;
    current: number;
    growing: boolean;
    answered: boolean;
  }>;
  /** Template names: `expected` was the agent's, `predicted` the top suggestion. */
  confusions: Array<{ expected: string; predicted: string; count: number }>;
  weakTemplates: Array<{ name: string; precision: number; recall: number; support: number }>;
}

export type InsightKind =
  | "confused_templates"
  | "growing_unanswered_topic"
  | "growing_topic"
  | "knowledge_gap"
  | "weak_template"
  | "low_accuracy";

export interface ComputedInsight {
  kind: InsightKind;
  /** 0–100: expected percent of the analysed messages that fixing it would help, to 0.1. */
  impact: number;
  /**
   * The same unrounded: the ranking. In a large run many impacts round to the same 0.1 (3 and 4
   * confusions in 4,514 messages are both 0.1), and the order must still follow the counts.
   */
  score: number;
  /** The facts used and a `formula` string with the numbers substituted: shown to the admin. */
  basis: Record<string, unknown>;
  text: string;
}

type Gap = InsightFacts["gaps"][number];
type Pattern = InsightFacts["patterns"][number];

export const DEFAULT_INSIGHT_LIMIT = 10;

const KIND_ORDER: InsightKind[] = [
  "growing_unanswered_topic",
  "knowledge_gap",
  "confused_templates",
  "weak_template",
  "growing_topic",
  "low_accuracy",
];

function growthPhrase(p: Pattern): string {
  if (p.previous === 0)
    return `appeared: 0 messages in the first half of the period, ${int(p.current)} in the second`;
  return `grew from ${int(p.previous)} to ${int(p.current)} messages between the two halves of the period (${r1(p.current / p.previous)}×)`;
}

function gapAction(gap: Gap | undefined): string {
  if (gap?.suggestedAction.kind === "add_examples")
    return `add examples of these messages to ${q(gap.suggestedAction.label)}`;
  return "create a template for it";
}

/** What a gap is called in a sentence: its title, else its first key phrases, else its ref. */
const gapName = (gap: Gap) => gap.title.trim() || gap.keyPhrases.slice(0, 2).join(", ") || gap.ref;

/** Lowercased phrases of a gap: its title and key phrases. */
function gapPhrases(gap: Gap): Set<string> {
  return new Set([gap.title, ...gap.keyPhrases].map((s) => s.trim().toLowerCase()));
}

/**
 * A growing unanswered topic and a gap are the same thing when the topic's name (its first key
 * phrases, "a, b") is the gap's title or every phrase of it is among the gap's key phrases.
 */
function matchingGap(pattern: Pattern, gaps: readonly Gap[], used: Set<string>): Gap | undefined {
  const topic = pattern.topic.trim().toLowerCase();
  const parts = topic
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return gaps.find((gap) => {
    if (used.has(gap.ref)) return false;
    const phrases = gapPhrases(gap);
    return phrases.has(topic) || (parts.length > 0 && parts.every((p) => phrases.has(p)));
  });
}

function gapImpact(gap: Gap, messages: number) {
  const raw = (100 * gap.size * gap.failureRate) / messages;
  const impact = roundImpact(raw);
  const formula = `impact = 100 × size × failure rate / messages = 100 × ${gap.size} × ${gap.failureRate} / ${messages} = ${impact}`;
  return { impact, score: exactImpact(raw), formula };
}

function gapInsight(gap: Gap, messages: number): ComputedInsight {
  const { impact, score, formula } = gapImpact(gap, messages);
  const phrases = gap.keyPhrases.slice(0, 4);
  const about = phrases.length ? ` (key phrases: ${phrases.join(", ")})` : "";
  const trend =
    gap.trend === "growing" || gap.trend === "new"
      ? `, and it is ${gap.trend === "new" ? "new in this period" : "growing"}`
      : "";
  return {
    kind: "knowledge_gap",
    impact,
    score,
    basis: {
      gap: gap.ref,
      title: gap.title,
      size: gap.size,
      failureRate: gap.failureRate,
      severity: gap.severity,
      trend: gap.trend,
      messages,
      formula,
    },
    text: `${int(gap.size)} messages about ${q(gapName(gap))}${about} got no confident suggestion (mean failure ${pct(gap.failureRate)})${trend}: ${gapAction(gap)}.`,
  };
}

/**
 * Unanswered and growing: at the second half's rate, 2 × current messages a period, and no
 * template answers them (failure 1). Same thing as a gap: said once, here, at the larger impact.
 */
function growingUnanswered(p: Pattern, gap: Gap | undefined, messages: number): ComputedInsight {
  const raw = (100 * 2 * p.current) / messages;
  let impact = roundImpact(raw);
  let score = exactImpact(raw);
  let formula = `impact = 100 × 2 × current / messages = 100 × 2 × ${p.current} / ${messages} = ${impact}`;
  const basis: Record<string, unknown> = {
    pattern: p.ref,
    topic: p.topic,
    previous: p.previous,
    current: p.current,
    messages,
  };
  if (gap) {
    const g = gapImpact(gap, messages);
    Object.assign(basis, { gap: gap.ref, gapSize: gap.size, gapFailureRate: gap.failureRate });
    formula = `impact = max(topic, gap) = max(${impact}, ${g.impact}) = ${Math.max(impact, g.impact)}; topic: ${formula}; gap: ${g.formula}`;
    impact = Math.max(impact, g.impact);
    score = Math.max(score, g.score);
  }
  const seen = gap
    ? ` (gap ${q(gapName(gap))}: ${int(gap.size)} messages without a confident suggestion)`
    : "";
  return {
    kind: "growing_unanswered_topic",
    impact,
    score,
    basis: { ...basis, formula },
    text: `Topic ${q(p.topic)} ${growthPhrase(p)}, and no template answers it${seen}: ${gapAction(gap)}.`,
  };
}

/** Answered but growing: its messages fail at the workspace's unconfident rate. */
function growingAnswered(p: Pattern, facts: InsightFacts): ComputedInsight {
  const n = facts.messages;
  const rate = facts.unconfident / n;
  const raw = (100 * 2 * p.current * rate) / n;
  const impact = roundImpact(raw);
  return {
    kind: "growing_topic",
    impact,
    score: exactImpact(raw),
    basis: {
      pattern: p.ref,
      topic: p.topic,
      previous: p.previous,
      current: p.current,
      unconfident: facts.unconfident,
      messages: n,
      formula: `impact = 100 × 2 × current × (unconfident / messages) / messages = 100 × 2 × ${p.current} × (${facts.unconfident} / ${n}) / ${n} = ${impact}`,
    },
    text: `Topic ${q(p.topic)} ${growthPhrase(p)}. Templates answer it: check they still fit the new messages before the volume grows further.`,
  };
}

/** Ranked by impact (highest first), at most `limit`. Empty when there are no messages. */
export function computeInsights(
  facts: InsightFacts,
  limit = DEFAULT_INSIGHT_LIMIT,
): ComputedInsight[] {
  if (facts.messages <= 0 || limit <= 0) return [];
  const all: ComputedInsight[] = [];
  const usedGaps = new Set<string>();
  for (const p of facts.patterns) {
    if (!p.growing) continue;
    if (p.answered) {
      all.push(growingAnswered(p, facts));
      continue;
    }
    const gap = matchingGap(p, facts.gaps, usedGaps);
    if (gap) usedGaps.add(gap.ref);
    all.push(growingUnanswered(p, gap, facts.messages));
  }
  for (const gap of facts.gaps)
    if (!usedGaps.has(gap.ref)) all.push(gapInsight(gap, facts.messages));
  all.push(...confusionInsights(facts), ...weakTemplateInsights(facts));
  const low = lowAccuracy(facts);
  if (low) all.push(low);
  return all
    .filter((i) => i.impact > 0)
    .sort(
      (x, y) =>
        y.score - x.score ||
        KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) ||
        x.text.localeCompare(y.text),
    )
    .slice(0, limit);
}

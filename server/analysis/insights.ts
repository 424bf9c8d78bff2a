/**
 * Learning insights (issue #15, section 4): ranked, actionable recommendations computed from an
 * analysis's facts. Pure: no database, no AI (server/ai/narrate-insights.ts may reword the texts).
 *
 * Impact, for every kind, is the expected share of the analysed messages (in percent, 0–100) that
 * fixing the problem would help: 100 × messages affected / messages × how often they fail. One
 * scale for every kind, so the ranking compares like with like. Formulas per kind in the README
 * ("Insights") and in each insight's `basis.formula`, with the numbers substituted.
 */
import type { TrendDirection } from "./trend";

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
  /** 0–100: expected percent of the analysed messages that fixing it would help. */
  impact: number;
  /** The facts used and a `formula` string with the numbers substituted: shown to the admin. */
  basis: Record<string, unknown>;
  text: string;
}

type Gap = InsightFacts["gaps"][number];
type Pattern = InsightFacts["patterns"][number];

/** A pair confused fewer times than this (both directions together) is noise, not an insight. */
export const MIN_CONFUSIONS = 3;
/** Below this accuracy the unexplained part of the errors is reported (low_accuracy). */
export const LOW_ACCURACY = 0.9;
export const DEFAULT_INSIGHT_LIMIT = 10;

const KIND_ORDER: InsightKind[] = [
  "growing_unanswered_topic",
  "knowledge_gap",
  "confused_templates",
  "weak_template",
  "growing_topic",
  "low_accuracy",
];

/** Impact rounded to 0.1 and kept within 0–100. */
export function roundImpact(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 0;
  return Math.min(100, Math.round(value * 10) / 10);
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;
const r1 = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;
const q = (name: string) => `“${name}”`;
const times = (n: number) => (n === 1 ? "once" : `${int(n)} times`);

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
  const impact = roundImpact((100 * gap.size * gap.failureRate) / messages);
  const formula = `impact = 100 × size × failure rate / messages = 100 × ${gap.size} × ${gap.failureRate} / ${messages} = ${impact}`;
  return { impact, formula };
}

function gapInsight(gap: Gap, messages: number): ComputedInsight {
  const { impact, formula } = gapImpact(gap, messages);
  const phrases = gap.keyPhrases.slice(0, 4);
  const about = phrases.length ? ` (key phrases: ${phrases.join(", ")})` : "";
  const trend =
    gap.trend === "growing" || gap.trend === "new"
      ? `, and it is ${gap.trend === "new" ? "new in this period" : "growing"}`
      : "";
  return {
    kind: "knowledge_gap",
    impact,
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
    text: `${int(gap.size)} messages about ${q(gap.title)}${about} got no confident suggestion (mean failure ${pct(gap.failureRate)})${trend}: ${gapAction(gap)}.`,
  };
}

/**
 * Unanswered and growing: at the second half's rate, 2 × current messages a period, and no
 * template answers them (failure 1). Same thing as a gap: said once, here, at the larger impact.
 */
function growingUnanswered(p: Pattern, gap: Gap | undefined, messages: number): ComputedInsight {
  let impact = roundImpact((100 * 2 * p.current) / messages);
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
  }
  return {
    kind: "growing_unanswered_topic",
    impact,
    basis: { ...basis, formula },
    text: `Topic ${q(p.topic)} ${growthPhrase(p)} and no template answers it: ${gapAction(gap)}.`,
  };
}

/** Answered but growing: its messages fail at the workspace's unconfident rate. */
function growingAnswered(p: Pattern, facts: InsightFacts): ComputedInsight {
  const n = facts.messages;
  const rate = facts.unconfident / n;
  const impact = roundImpact((100 * 2 * p.current * rate) / n);
  return {
    kind: "growing_topic",
    impact,
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

/** Both directions of a pair together; every confused message was a wrong top suggestion. */
function confusionInsights(facts: InsightFacts): ComputedInsight[] {
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
    const impact = roundImpact((100 * count) / facts.messages);
    const detail =
      ab > 0 && ba > 0
        ? ` (${q(b)} suggested for ${q(a)} ${times(ab)}, ${q(a)} for ${q(b)} ${times(ba)})`
        : ` (${q(ab > 0 ? b : a)} suggested when the agent used ${q(ab > 0 ? a : b)})`;
    out.push({
      kind: "confused_templates",
      impact,
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
function weakTemplateInsights(facts: InsightFacts): ComputedInsight[] {
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
    const impact = roundImpact((100 * affected) / facts.messages);
    const advice =
      r <= p
        ? "add examples of the messages it answers"
        : "add examples to the templates it is wrongly suggested for, so they are told apart";
    out.push({
      kind: "weak_template",
      impact,
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
function lowAccuracy(facts: InsightFacts): ComputedInsight | null {
  if (facts.accuracy === null || facts.accuracy >= LOW_ACCURACY) return null;
  const explainedCount = facts.confusions
    .filter((c) => c.expected !== c.predicted)
    .reduce((sum, c) => sum + c.count, 0);
  const errorShare = 1 - facts.accuracy;
  const explained = explainedCount / facts.messages;
  const impact = roundImpact(100 * (errorShare - explained));
  if (impact <= 0) return null;
  return {
    kind: "low_accuracy",
    impact,
    basis: {
      accuracy: facts.accuracy,
      explainedByConfusions: explainedCount,
      messages: facts.messages,
      formula: `impact = 100 × ((1 − accuracy) − explained confusions / messages) = 100 × ((1 − ${facts.accuracy}) − ${explainedCount} / ${facts.messages}) = ${impact}`,
    },
    text: `The top suggestion was the agent's template for ${pct(facts.accuracy)} of messages; ${pct(impact / 100)} of messages were wrong in ways no single pair of templates explains: retrain on recent conversations and add examples to templates that have few.`,
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
        y.impact - x.impact ||
        KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) ||
        x.text.localeCompare(y.text),
    )
    .slice(0, limit);
}

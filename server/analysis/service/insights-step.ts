/**
 * The insights step of a run: the facts (InsightFacts) from the run's gaps, patterns and summary
 * and confusions and weak templates, ranked by `computeInsights`, then narrated by the
 * workspace's `insights` model when it has one (`narrateInsights`, outside any transaction; the
 * computed sentence otherwise).
 *
 * Confusions and weak templates come from the run's own messages when at least
 * MIN_COMPARED of them carry the agent's template (counts on the analysed messages, the scale the
 * impact formulas divide by); otherwise from the deployed version's stored held-out evaluation
 * (confused pairs, per-template precision and recall).
 */
import type { Tx } from "@/db";
import { openAiSession } from "@/server/ai/ai-session";
import { narrateInsights } from "@/server/ai/narrate-insights";
import type { AiRegistry } from "@/server/ai/registry";
import { computeInsights, type InsightFacts } from "../insights";
import type { OutcomeMessage } from "../summary";
import type { InsightStepInput } from "./run";
import type { StoredInsight } from "./save";

/** A template counts as weak below this precision or recall, on at least WEAK_MIN_SUPPORT rows. */
export const WEAK_BELOW = 0.8;
export const WEAK_MIN_SUPPORT = 3;

export const MIN_COMPARED = 20;

type Confusion = { truth: string; predicted: string; count: number };
type LabelFigures = { label: string; precision: number; recall: number; support: number };

/** Confused pairs and per-template precision/recall of the top suggestion vs the agent's template. */
export function runEvaluation(outcomes: readonly OutcomeMessage[]) {
  const pairs = new Map<string, Confusion>();
  const support = new Map<string, number>();
  const predicted = new Map<string, number>();
  const hits = new Map<string, number>();
  let compared = 0;
  for (const m of outcomes) {
    if (!m.agentTemplateId) continue;
    compared++;
    const truth = m.agentTemplateId;
    support.set(truth, (support.get(truth) ?? 0) + 1);
    if (m.topLabel) predicted.set(m.topLabel, (predicted.get(m.topLabel) ?? 0) + 1);
    if (m.topLabel === truth) hits.set(truth, (hits.get(truth) ?? 0) + 1);
    else if (m.topLabel) {
      const key = `${truth}\u0000${m.topLabel}`;
      const pair = pairs.get(key) ?? { truth, predicted: m.topLabel, count: 0 };
      pair.count++;
      pairs.set(key, pair);
    }
  }
  const perLabel: LabelFigures[] = [...support.entries()].map(([label, s]) => {
    const hit = hits.get(label) ?? 0;
    const p = predicted.get(label) ?? 0;
    return { label, precision: p > 0 ? hit / p : 0, recall: hit / s, support: s };
  });
  const confusedPairs = [...pairs.values()].sort((a, b) => b.count - a.count);
  return { compared, confusedPairs, perLabel };
}

export function insightFacts(input: InsightStepInput): InsightFacts {
  const { computed, artifact } = input;
  const nameOf = (id: string) => input.names.get(id) ?? artifact?.templateNames[id] ?? id;
  const own = runEvaluation(computed.outcomes);
  const evaluation =
    own.compared >= MIN_COMPARED
      ? own
      : { confusedPairs: artifact?.confusedPairs ?? [], perLabel: artifact?.perLabel ?? [] };
  return {
    scope: { source: input.source, label: input.label },
    messages: computed.outcomes.length,
    unconfident: computed.unconfident,
    accuracy: computed.summary.accuracyScore,
    gaps: computed.gaps.map((g) => ({
      ref: g.id,
      title: g.keyPhrases.slice(0, 3).join(", ") || (g.examples[0]?.text ?? "gap"),
      size: g.size,
      severity: g.severity,
      failureRate: g.failureRate,
      trend: g.trend?.direction ?? null,
      keyPhrases: g.keyPhrases,
      suggestedAction:
        g.suggestedAction.kind === "add_examples"
          ? { kind: "add_examples", label: nameOf(g.suggestedAction.label) }
          : { kind: "create_template" },
    })),
    patterns: computed.patterns.map((p) => ({
      ref: p.id,
      topic: p.topic,
      previous: p.trend.previous,
      current: p.trend.current,
      growing: p.trend.direction === "growing" || p.trend.direction === "new",
      answered: p.answered,
    })),
    confusions: evaluation.confusedPairs.map((c) => ({
      expected: nameOf(c.truth),
      predicted: nameOf(c.predicted),
      count: c.count,
    })),
    weakTemplates: evaluation.perLabel
      .filter((l) => l.support >= WEAK_MIN_SUPPORT && Math.min(l.precision, l.recall) < WEAK_BELOW)
      .map((l) => ({
        name: nameOf(l.label),
        precision: l.precision,
        recall: l.recall,
        support: l.support,
      })),
  };
}

export interface InsightStepDeps {
  registry: AiRegistry;
  workspaceId: string;
  inTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  signal?: AbortSignal;
}

/** The step for executeAnalysis: rank, then narrate (never throws for provider problems). */
export function insightStep(deps: InsightStepDeps) {
  return async (
    input: InsightStepInput,
  ): Promise<{ insights: StoredInsight[]; warning: string | null }> => {
    const ranked = computeInsights(insightFacts(input));
    const session = await openAiSession({
      registry: deps.registry,
      workspaceId: deps.workspaceId,
      inTenant: deps.inTenant,
      signal: deps.signal,
    });
    const narrated = await narrateInsights(session, ranked);
    return {
      insights: narrated.insights.map((i) => ({
        kind: i.kind,
        impact: i.impact,
        basis: i.basis,
        text: i.text,
        narratedBy: i.narratedBy,
      })),
      warning: narrated.warning,
    };
  };
}

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
import type { InsightStepInput } from "./run";
import type { StoredInsight } from "./save";

/** A template counts as weak below this precision or recall, on at least WEAK_MIN_SUPPORT rows. */
export const WEAK_BELOW = 0.8;
export const WEAK_MIN_SUPPORT = 3;

export const MIN_COMPARED = 20;

export function insightFacts(input: InsightStepInput): InsightFacts {
  const { computed, artifact } = input;
  const nameOf = (id: string) => input.names.get(id) ?? artifact?.templateNames[id] ?? id;
  const own = computed.evaluation;
  const evaluation =
    own.compared >= MIN_COMPARED
      ? own
      : { confusedPairs: artifact?.confusedPairs ?? [], perLabel: artifact?.perLabel ?? [] };
  return {
    scope: { source: input.source, label: input.label },
    messages: computed.messages,
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
    // Insights read a topic's growth, so undated topics (no trend) take no part.
    patterns: computed.patterns.flatMap(({ id, topic, trend, answered }) =>
      trend
        ? [
            {
              ref: id,
              topic,
              previous: trend.previous,
              current: trend.current,
              growing: trend.direction === "growing" || trend.direction === "new",
              answered,
            },
          ]
        : [],
    ),
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
      insights: narrated.insights.map((i, rank) => ({
        kind: i.kind,
        impact: i.impact,
        rank,
        basis: i.basis,
        text: i.text,
        narratedBy: i.narratedBy,
      })),
      warning: narrated.warning,
    };
  };
}

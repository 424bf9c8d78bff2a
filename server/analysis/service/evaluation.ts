/**
 * How the deployed model's top suggestion compared with the template the agent sent, on a
 * run's own messages (insights-step.ts uses it when enough messages carry a template). Computed
 * with the run (compute.ts), so only these counts, not every scored message, leave the worker.
 */
import type { OutcomeMessage } from "../summary";

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

export type RunEvaluation = ReturnType<typeof runEvaluation>;

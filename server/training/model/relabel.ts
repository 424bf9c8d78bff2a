import type { ClassificationReport } from "@/server/training/evaluation/metrics";
import type { IntentModel } from "./model";

/**
 * The same model under other label names: its labels, out-of-scope label and held-out report.
 * Weights are indexed by position, so nothing else changes.
 *
 * Why: callers that train on stable keys (the demo seed, test fixtures) relabel to template ids
 * afterwards. Training itself no longer depends on the names (canonical-order.ts), so this is
 * about readable keys, not about getting the same model twice.
 */
export function relabelModel(model: IntentModel, rename: (label: string) => string): IntentModel {
  const heldOut = model.metrics.heldOut;
  return {
    ...model,
    labels: model.labels.map(rename),
    outOfScopeLabel: model.outOfScopeLabel === null ? null : rename(model.outOfScopeLabel),
    metrics: {
      ...model.metrics,
      heldOut: heldOut ? { ...heldOut, report: relabelReport(heldOut.report, rename) } : null,
    },
  };
}

function relabelReport(
  report: ClassificationReport,
  rename: (label: string) => string,
): ClassificationReport {
  return {
    ...report,
    perLabel: report.perLabel.map((m) => ({ ...m, label: rename(m.label) })),
    confusedPairs: report.confusedPairs.map((pair) => ({
      ...pair,
      truth: rename(pair.truth),
      predicted: rename(pair.predicted),
    })),
  };
}

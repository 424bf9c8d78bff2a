import type { ClassificationReport } from "@/server/training/evaluation/metrics";
import type { IntentModel } from "./model";

/**
 * The same model under other label names: its labels, out-of-scope label and held-out report.
 * Weights are indexed by position, so nothing else changes.
 *
 * Why: training orders labels by name and the fit depends on that order, so a model trained on
 * random template ids differs from run to run. Callers that need the same model every time (the
 * demo seed, test fixtures) train on stable keys and relabel to template ids afterwards.
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

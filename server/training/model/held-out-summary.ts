/** The held-out part of a training run: report, threshold choice, calibration, out-of-scope. */
import { expectedCalibrationError } from "../evaluation/calibration";
import { classificationReport, type RankedPrediction } from "../evaluation/metrics";
import { chooseThreshold, type ThresholdRow } from "../evaluation/threshold";
import type { HeldOutSummary } from "./model";
import { softmaxInPlace } from "./softmax";
import type { TrainingConfig } from "./train";

export function summariseHeldOut(
  labels: string[],
  logitRows: Float64Array[],
  truth: number[],
  temperature: number,
  config: TrainingConfig,
): HeldOutSummary {
  const oos = config.outOfScopeLabel === null ? -1 : labels.indexOf(config.outOfScopeLabel);
  const predictions: RankedPrediction[] = logitRows.map((z) => {
    const p = Float64Array.from(z);
    softmaxInPlace(p, temperature);
    const ranked = [...p.keys()].sort((a, b) => (p[b] ?? 0) - (p[a] ?? 0)).slice(0, 5);
    return { ranked, confidence: p[ranked[0] ?? 0] ?? 0 };
  });
  const rows: ThresholdRow[] = predictions.map((p, i) => ({
    confidence: p.confidence,
    correct: p.ranked[0] === truth[i] && truth[i] !== oos,
    outOfScope: truth[i] === oos,
    predictedOutOfScope: p.ranked[0] === oos,
  }));
  const thresholdChoice = chooseThreshold(rows, {
    targetPrecision: config.targetPrecision,
    labelCount: labels.length,
  });
  const summary: HeldOutSummary = {
    rows: truth.length,
    report: classificationReport(labels, truth, predictions),
    thresholdChoice,
    calibrationError: expectedCalibrationError(
      predictions.map((p, i) => ({ confidence: p.confidence, correct: p.ranked[0] === truth[i] })),
    ),
  };
  if (oos >= 0) {
    const t = thresholdChoice.threshold;
    const answers = rows.map((r) => r.confidence >= t && !r.predictedOutOfScope);
    const oosRows = rows.filter((r) => r.outOfScope).length;
    const flagged = answers.filter((a) => !a).length;
    const oosCaught = rows.filter((r, i) => r.outOfScope && !answers[i]).length;
    const inScope = rows.filter((r) => !r.outOfScope).length;
    const inScopeRight = rows.filter((r, i) => !r.outOfScope && answers[i] && r.correct).length;
    summary.outOfScope = {
      rows: oosRows,
      recall: oosRows ? oosCaught / oosRows : 0,
      precision: flagged ? oosCaught / flagged : 0,
      inScopeTop1: inScope ? inScopeRight / inScope : 0,
    };
  }
  return summary;
}

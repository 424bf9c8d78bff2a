/**
 * Classification metrics over ranked predictions: top-1 / top-3 accuracy, per-label precision,
 * recall and F1 (of the top-1 prediction), macro-F1 and the most confused (truth → predicted)
 * pairs. Definitions follow scikit-learn: a label never predicted has precision 0, and macro-F1
 * averages F1 over every label that occurs in the truth or in the predictions.
 */

export interface RankedPrediction {
  /** Label indices, best first (at least one). */
  ranked: readonly number[];
  /** Calibrated probability of ranked[0]. */
  confidence: number;
}

export interface LabelMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Rows whose truth is this label. */
  support: number;
}

export interface ConfusedPair {
  truth: string;
  predicted: string;
  count: number;
}

export interface ClassificationReport {
  count: number;
  top1: number;
  top3: number;
  macroF1: number;
  perLabel: LabelMetrics[];
  confusedPairs: ConfusedPair[];
}

export function classificationReport(
  labels: readonly string[],
  truth: readonly number[],
  predictions: readonly RankedPrediction[],
  maxPairs = 20,
): ClassificationReport {
  if (truth.length !== predictions.length)
    throw new Error("truth and predictions differ in length");
  const k = labels.length;
  const tp = new Array<number>(k).fill(0);
  const predicted = new Array<number>(k).fill(0);
  const support = new Array<number>(k).fill(0);
  const pairs = new Map<number, number>();
  let top1 = 0;
  let top3 = 0;
  truth.forEach((t, i) => {
    const ranked = predictions[i]?.ranked ?? [];
    const p = ranked[0] ?? -1;
    support[t] = (support[t] ?? 0) + 1;
    if (p >= 0) predicted[p] = (predicted[p] ?? 0) + 1;
    if (p === t) {
      top1++;
      tp[t] = (tp[t] ?? 0) + 1;
    } else if (p >= 0) {
      pairs.set(t * k + p, (pairs.get(t * k + p) ?? 0) + 1);
    }
    if (ranked.slice(0, 3).includes(t)) top3++;
  });
  const perLabel: LabelMetrics[] = [];
  let f1Sum = 0;
  let f1Count = 0;
  labels.forEach((label, i) => {
    const s = support[i] ?? 0;
    const pr = predicted[i] ?? 0;
    const hit = tp[i] ?? 0;
    const precision = pr > 0 ? hit / pr : 0;
    const recall = s > 0 ? hit / s : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    if (s > 0 || pr > 0) {
      f1Sum += f1;
      f1Count++;
      perLabel.push({ label, precision, recall, f1, support: s });
    }
  });
  const confusedPairs = [...pairs.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, maxPairs)
    .map(([key, count]) => ({
      truth: labels[Math.floor(key / k)] ?? "",
      predicted: labels[key % k] ?? "",
      count,
    }));
  const n = truth.length;
  return {
    count: n,
    top1: n ? top1 / n : 0,
    top3: n ? top3 / n : 0,
    macroF1: f1Count ? f1Sum / f1Count : 0,
    perLabel,
    confusedPairs,
  };
}

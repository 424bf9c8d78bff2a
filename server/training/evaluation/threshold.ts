/**
 * The confidence threshold below which the model answers "no confident suggestion", chosen on
 * held-out rows (never on a test file). Two rules, depending on what the training data holds:
 *
 * 1. No out-of-scope examples: the lowest threshold whose answered rows (confidence ≥ t) reach the
 *    target precision (default 0.95: at most 1 wrong suggestion in 20 shown first). The lowest
 *    such t answers as many messages as possible at that precision. If no t reaches the target, the
 *    t with the best precision among those answering ≥ 10% of rows. Either way t is at least
 *    min(0.6, 2/labels): a distribution that flat is not a suggestion, even when the held-out rows
 *    (all in scope) would let it through — gibberish gets exactly that kind of distribution.
 *    Margin: t is then raised, if needed, to the confidence of the 1st percentile of the RIGHT
 *    held-out answers (the lowest one below 100 rows): giving up at most 1 in 100 right answers
 *    buys a margin against messages unlike any training data. Without it, an easy data set
 *    (Bitext: 99% right at every t) gets the floor, 2/27, and 9 of 10 off-topic messages
 *    ("tell me a joke") got a confident suggestion; its right answers sit above 0.96, off-topic
 *    ones below 0.4 (measured on held-out training rows, bench/model.ts).
 * 2. Out-of-scope examples in the held-out rows: rule 1 on the in-scope rows, raised if needed to
 *    the threshold that maximises the share of rows handled right — an in-scope row counts when
 *    answered with its label, an out-of-scope row when not answered (the model predicting the
 *    out-of-scope label also counts as not answered). Ties go to the lowest threshold.
 *    Why rule 1 stays underneath: the held-out out-of-scope rows are the kinds the model was
 *    shown, which it mostly labels out of scope whatever t is, so maximising accuracy alone drove
 *    t to the floor (2/labels ≈ 0.03 on BANKING77-sized sets): 8–9 of 10 off-topic messages
 *    ("tell me a joke") got a confident suggestion, and messages of out-of-scope kinds absent from
 *    the training data were declined 0–10% of the time (simulated out-of-scope sets from
 *    BANKING77 train.csv, bench/oos-sim.ts; figures in server/training/model/README.md).
 *    Giving a workspace out-of-scope examples must make it more careful, never less.
 */

export interface ThresholdRow {
  /** Calibrated probability of the top label. */
  confidence: number;
  /** The top label is the truth (always false for out-of-scope rows). */
  correct: boolean;
  /** The row is out of scope (truth is the out-of-scope label). */
  outOfScope: boolean;
  /** The model's top label is the out-of-scope label (never answered whatever its confidence). */
  predictedOutOfScope: boolean;
}

export interface ThresholdChoice {
  threshold: number;
  rule: "precision-target" | "best-precision" | "margin" | "out-of-scope-accuracy";
  /** Share of held-out rows answered at this threshold. */
  coverage: number;
  /** Share of answered rows whose top label is right. */
  answeredPrecision: number;
  /** Rule 2 only: share of rows handled right. */
  accuracy?: number;
}

export interface ThresholdOptions {
  targetPrecision: number;
  labelCount: number;
}

function stats(rows: readonly ThresholdRow[], t: number) {
  let answered = 0;
  let right = 0;
  let handled = 0;
  for (const row of rows) {
    const answers = row.confidence >= t && !row.predictedOutOfScope;
    if (answers) {
      answered++;
      if (row.correct) right++;
    }
    if (row.outOfScope ? !answers : answers && row.correct) handled++;
  }
  const n = rows.length || 1;
  return {
    coverage: answered / n,
    answeredPrecision: answered ? right / answered : 0,
    accuracy: handled / n,
  };
}

export function chooseThreshold(
  rows: readonly ThresholdRow[],
  options: ThresholdOptions,
): ThresholdChoice {
  const floor = Math.min(0.6, 2 / Math.max(1, options.labelCount));
  // Candidate thresholds: the floor and every distinct confidence above it.
  const candidates = [
    floor,
    ...new Set(rows.map((r) => r.confidence).filter((c) => c > floor)),
  ].sort((a, b) => a - b);
  if (rows.some((r) => r.outOfScope)) {
    const inScope = chooseThreshold(
      rows.filter((r) => !r.outOfScope),
      options,
    );
    let best = { threshold: inScope.threshold, ...stats(rows, inScope.threshold) };
    for (const t of candidates) {
      if (t <= inScope.threshold) continue;
      const s = stats(rows, t);
      if (s.accuracy > best.accuracy) best = { threshold: t, ...s };
    }
    const rule = best.threshold > inScope.threshold ? "out-of-scope-accuracy" : inScope.rule;
    return { ...best, rule };
  }
  let choice: ThresholdChoice | undefined;
  for (const t of candidates) {
    const s = stats(rows, t);
    if (s.answeredPrecision >= options.targetPrecision && s.coverage > 0) {
      choice = { threshold: t, rule: "precision-target", ...s, accuracy: undefined };
      break;
    }
  }
  if (!choice) {
    let best = { threshold: floor, ...stats(rows, floor) };
    for (const t of candidates) {
      const s = stats(rows, t);
      if (s.coverage >= 0.1 && s.answeredPrecision > best.answeredPrecision)
        best = { threshold: t, ...s };
    }
    choice = { rule: "best-precision", ...best, accuracy: undefined };
  }
  const right = rows
    .filter((r) => r.correct && !r.predictedOutOfScope)
    .map((r) => r.confidence)
    .sort((a, b) => a - b);
  const margin = right[Math.floor(right.length * 0.01)] ?? 0;
  if (margin > choice.threshold) {
    return { threshold: margin, rule: "margin", ...stats(rows, margin), accuracy: undefined };
  }
  return choice;
}

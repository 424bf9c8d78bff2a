/**
 * Scores an intent model's predictions on labelled rows: the one counting loop shared by
 * bench/model.ts and bench/oos-sim.ts, so both report the same definitions.
 * - top1/top3 count in-scope rows whose label is ranked first / in the first three, confident or
 *   not (the definition);
 * - answered rows are in-scope rows the model was confident about;
 * - an out-of-scope row (label = oosLabel) is caught when the model is not confident.
 */
import { type IntentModel, predict } from "@/server/training/model/model";
import type { TrainingExample } from "@/server/training/model/train";
import { OFF_TOPIC_MESSAGES } from "./off-topic";

export interface PredictionScore {
  rows: number;
  inScope: number;
  top1: number;
  top3: number;
  answered: number;
  answeredRight: number;
  oosRows: number;
  /** Out-of-scope rows the model was not confident about. */
  oosCaught: number;
  /** All rows (in scope or not) the model was not confident about. */
  notConfident: number;
  macroF1: number;
  /** Per-prediction wall time, ascending. */
  latenciesMs: number[];
  offTopicConfident: number;
}

export function scorePredictions(
  model: IntentModel,
  rows: readonly TrainingExample[],
  oosLabel: string | null,
): PredictionScore {
  const score: PredictionScore = {
    rows: rows.length,
    inScope: 0,
    top1: 0,
    top3: 0,
    answered: 0,
    answeredRight: 0,
    oosRows: 0,
    oosCaught: 0,
    notConfident: 0,
    macroF1: 0,
    latenciesMs: [],
    offTopicConfident: 0,
  };
  const f1 = new Map<string, { tp: number; fp: number; fn: number }>();
  const count = (label: string) => {
    const c = f1.get(label) ?? { tp: 0, fp: 0, fn: 0 };
    f1.set(label, c);
    return c;
  };
  // Warm-up (JIT) so the latency figures describe a serving process, not its first calls.
  for (const row of rows.slice(0, 50)) predict(model, row.text, 3);
  for (const row of rows) {
    const started = performance.now();
    const p = predict(model, row.text, 3);
    score.latenciesMs.push(performance.now() - started);
    if (!p.confident) score.notConfident++;
    if (row.label === oosLabel) {
      score.oosRows++;
      if (!p.confident) score.oosCaught++;
      continue;
    }
    score.inScope++;
    const best = p.candidates[0]?.label ?? "";
    const right = best === row.label;
    if (right) score.top1++;
    if (p.candidates.some((c) => c.label === row.label)) score.top3++;
    if (p.confident) {
      score.answered++;
      if (right) score.answeredRight++;
    }
    if (right) count(best).tp++;
    else {
      count(best).fp++;
      count(row.label).fn++;
    }
  }
  const f1s = [...f1.values()].map(({ tp, fp, fn }) => (tp ? (2 * tp) / (2 * tp + fp + fn) : 0));
  score.macroF1 = f1s.reduce((s, v) => s + v, 0) / (f1s.length || 1);
  score.latenciesMs.sort((a, b) => a - b);
  score.offTopicConfident = OFF_TOPIC_MESSAGES.filter((t) => predict(model, t).confident).length;
  return score;
}

/**
 * Temperature scaling (Guo et al., 2017): one number T, fitted on held-out rows by minimising the
 * negative log-likelihood of softmax(z / T). It changes no ranking, only how sure the
 * probabilities are: a lightly regularised model is over-confident on text it has not seen, and
 * "no confident suggestion" needs probabilities that mean what they say.
 */
import { softmaxInPlace } from "../model/softmax";

export function heldOutNll(
  logitRows: readonly Float64Array[],
  truth: readonly number[],
  t: number,
) {
  let nll = 0;
  logitRows.forEach((z, i) => {
    const p = Float64Array.from(z);
    softmaxInPlace(p, t);
    nll -= Math.log(Math.max(p[truth[i] ?? 0] ?? 0, 1e-300));
  });
  return logitRows.length ? nll / logitRows.length : 0;
}

/**
 * Golden-section search over ln T in [ln 0.01, ln 20] for the minimum of
 *   n·NLL(T) + (ln T − ln T₀)² / (2σ²),  σ = 0.5:
 * a Gaussian prior on ln T around T₀ (1 for softmax logits; the typical T of other scores, such as
 * an SVM's decision values, ≈ 0.2). With hundreds of held-out rows the data decides; with a
 * handful that the model gets all right, plain NLL would push T to its bound (ever sharper),
 * and a model that has seen six held-out rows would then call anything "certain".
 */
export function fitTemperature(
  logitRows: readonly Float64Array[],
  truth: readonly number[],
  prior = 1,
): number {
  if (logitRows.length === 0) return prior;
  const n = logitRows.length;
  const centre = Math.log(prior);
  const cost = (lnT: number) =>
    n * heldOutNll(logitRows, truth, Math.exp(lnT)) + (lnT - centre) ** 2 / (2 * 0.5 * 0.5);
  const phi = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(0.01);
  let hi = Math.log(20);
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = cost(a);
  let fb = cost(b);
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = cost(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = cost(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * Expected calibration error: rows binned by confidence (10 equal-width bins), the
 * row-weighted mean gap between a bin's mean confidence and its accuracy. Reported, not optimised.
 */
export function expectedCalibrationError(
  rows: readonly { confidence: number; correct: boolean }[],
  bins = 10,
): number {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  for (const row of rows) {
    const b = Math.min(bins - 1, Math.floor(row.confidence * bins));
    count[b] = (count[b] ?? 0) + 1;
    conf[b] = (conf[b] ?? 0) + row.confidence;
    hits[b] = (hits[b] ?? 0) + (row.correct ? 1 : 0);
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const c = count[b] ?? 0;
    if (c > 0) ece += (c / rows.length) * Math.abs((conf[b] ?? 0) / c - (hits[b] ?? 0) / c);
  }
  return ece;
}

/**
 * Stochastic gradient descent for the softmax objective in softmax.ts, one example per step.
 *
 * L2 with sparse rows: the penalty shrinks every weight at every step, which would cost
 * features × classes per example. Bottou's scale trick keeps W = s·V: the shrink is s ← s(1 − ηλ)
 * and only the touched rows of V change (by −η·g / s). V is folded back when s gets small.
 *
 * Step size decays linearly from eta0 to 0 over the run: the last epochs take tiny steps, so the
 * result settles near the optimum (the tests compare it with L-BFGS on a small problem) instead of
 * rattling around it, and the run length is fixed in advance — which gives an honest ETA.
 */
import { seededRandom, shuffleInPlace } from "../evaluation/random";
import { emptyModel, logits, type SoftmaxModel, softmaxInPlace } from "./softmax";
import { getRow, type SparseMatrix } from "./sparse";

export interface SgdOptions {
  epochs: number;
  /** L2 strength λ of the objective. */
  lambda: number;
  eta0: number;
  seed: number;
  /** Called after each epoch; return false to stop early (cancellation). */
  onEpoch?: (epoch: number, epochs: number) => boolean | undefined;
}

export const DEFAULT_SGD: Omit<SgdOptions, "onEpoch"> = {
  epochs: 12,
  lambda: 1e-5,
  eta0: 0.5,
  seed: 1,
};

export function trainSgd(
  matrix: SparseMatrix,
  labels: Int32Array,
  classes: number,
  options: SgdOptions,
): SoftmaxModel {
  const model = emptyModel(matrix.cols, classes);
  const { weights, bias } = model;
  const n = matrix.rows;
  const total = Math.max(1, options.epochs * n);
  const order = Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(options.seed);
  const z = new Float64Array(classes);
  let scale = 1;
  let step = 0;

  const fold = () => {
    for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) * scale;
    scale = 1;
  };

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const r of order) {
      const eta = options.eta0 * (1 - step / total);
      step++;
      const row = getRow(matrix, r);
      const y = labels[r] ?? 0;
      logits(model, row, z, scale);
      softmaxInPlace(z);
      z[y] = (z[y] ?? 0) - 1; // z is now the gradient of the loss w.r.t. the logits
      scale *= 1 - eta * options.lambda;
      if (scale < 1e-6) fold();
      const rate = eta / scale;
      for (let j = 0; j < row.indices.length; j++) {
        const base = (row.indices[j] ?? 0) * classes;
        const v = (row.values[j] ?? 0) * rate;
        for (let k = 0; k < classes; k++)
          weights[base + k] = (weights[base + k] ?? 0) - v * (z[k] ?? 0);
      }
      for (let k = 0; k < classes; k++) bias[k] = (bias[k] ?? 0) - eta * (z[k] ?? 0);
    }
    if (options.onEpoch?.(epoch + 1, options.epochs) === false) break;
  }
  fold();
  return model;
}

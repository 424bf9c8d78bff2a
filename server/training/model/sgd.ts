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
import { emptyModel, type SoftmaxModel, softmaxInPlace } from "./softmax";
import type { SparseMatrix } from "./sparse";

export interface SgdOptions {
  epochs: number;
  /** L2 strength λ of the objective. */
  lambda: number;
  eta0: number;
  seed: number;
  /** Loss on the logits (see logitGradient); softmax unless said otherwise. */
  loss?: LossKind;
  /** Called after each epoch; return false to stop early (cancellation). */
  onEpoch?: (epoch: number, epochs: number) => boolean | undefined;
}

export const DEFAULT_SGD: Omit<SgdOptions, "onEpoch"> = {
  epochs: 12,
  lambda: 1e-5,
  eta0: 0.5,
  seed: 1,
};

export type LossKind = "softmax" | "squared-hinge" | "crammer-singer";

/**
 * In place: logits z → ∂loss/∂z for the true class y.
 * - softmax: −ln softmax(z)[y];
 * - squared-hinge: one-vs-rest Σ_k max(0, 1 − t_k z_k)², t_k = +1 for y, −1 otherwise;
 * - crammer-singer: max(0, 1 + max_{k≠y} z_k − z_y) (multiclass hinge).
 */
export function logitGradient(z: Float64Array, y: number, loss: LossKind): void {
  const classes = z.length;
  if (loss === "softmax") {
    softmaxInPlace(z);
    z[y] = (z[y] as number) - 1;
    return;
  }
  if (loss === "squared-hinge") {
    for (let k = 0; k < classes; k++) {
      const t = k === y ? 1 : -1;
      const slack = 1 - t * (z[k] as number);
      z[k] = slack > 0 ? -2 * t * slack : 0;
    }
    return;
  }
  let worst = -1;
  let worstValue = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < classes; k++) {
    if (k !== y && (z[k] as number) > worstValue) {
      worstValue = z[k] as number;
      worst = k;
    }
  }
  const violated = 1 + worstValue - (z[y] as number) > 0;
  z.fill(0);
  if (violated && worst >= 0) {
    z[worst] = 1;
    z[y] = -1;
  }
}

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
  const loss = options.loss ?? "softmax";

  const fold = () => {
    for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) * scale;
    scale = 1;
  };

  // The hot loop reads the CSR arrays directly (no per-row views) and uses `as number` instead
  // of `?? 0`: every index is in bounds by construction, and this loop is the training time.
  const { rowPtr, indices, values } = matrix;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const r of order) {
      const eta = options.eta0 * (1 - step / total);
      step++;
      const start = rowPtr[r] as number;
      const end = rowPtr[r + 1] as number;
      const y = labels[r] as number;
      for (let k = 0; k < classes; k++) z[k] = 0;
      for (let j = start; j < end; j++) {
        const base = (indices[j] as number) * classes;
        const v = values[j] as number;
        for (let k = 0; k < classes; k++)
          z[k] = (z[k] as number) + v * (weights[base + k] as number);
      }
      for (let k = 0; k < classes; k++) z[k] = (z[k] as number) * scale + (bias[k] as number);
      logitGradient(z, y, loss); // z is now the gradient of the loss w.r.t. the logits
      scale *= 1 - eta * options.lambda;
      if (scale < 1e-6) fold();
      const rate = eta / scale;
      for (let j = start; j < end; j++) {
        const base = (indices[j] as number) * classes;
        const v = (values[j] as number) * rate;
        for (let k = 0; k < classes; k++) {
          weights[base + k] = (weights[base + k] as number) - v * (z[k] as number);
        }
      }
      for (let k = 0; k < classes; k++) bias[k] = (bias[k] as number) - eta * (z[k] as number);
    }
    if (options.onEpoch?.(epoch + 1, options.epochs) === false) break;
  }
  fold();
  return model;
}

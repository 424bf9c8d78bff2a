/**
 * Multinomial logistic regression (softmax) over sparse features.
 *
 * Weights are stored feature-major (`weights[f * classes + k]`) so that a sparse row touches a
 * few contiguous runs of `classes` numbers: the dot products and the SGD updates both stream.
 *
 * Hand-written because the maintained npm option, ml-logistic-regression 2.0.0 (mljs), takes a
 * dense ml-matrix and trains one-vs-rest sigmoids by full-batch gradient steps (50,000 by
 * default): BANKING77's 10,003 × ~32,000 TF-IDF matrix would be 2.6 GB as float64, and
 * one-vs-rest probabilities do not sum to 1. So the numerics here are tested against known
 * results instead (optimizer.test.ts: finite-difference gradient, closed-form optimum, L-BFGS).
 *
 * The objective both optimisers minimise, and whose gradient the tests check by finite
 * differences:  J(W, b) = (1/n) Σ_i −ln softmax(W·x_i + b)[y_i] + (λ/2)‖W‖²  (bias unpenalised).
 */
import { getRow, type SparseMatrix, type SparseRow } from "./sparse";

/** Float32 for trained models (half the memory); Float64 where the tests need exact optima. */
export type Numbers = Float32Array | Float64Array;

export interface SoftmaxModel {
  features: number;
  classes: number;
  weights: Numbers;
  bias: Numbers;
}

export function emptyModel(features: number, classes: number): SoftmaxModel {
  return {
    features,
    classes,
    weights: new Float32Array(features * classes),
    bias: new Float32Array(classes),
  };
}

/** Logits W·x + b into `out` (length = classes). `scale` multiplies W (the SGD scale trick). */
export function logits(model: SoftmaxModel, row: SparseRow, out: Float64Array, scale = 1): void {
  const { classes, weights, bias } = model;
  out.fill(0);
  for (let j = 0; j < row.indices.length; j++) {
    const base = (row.indices[j] ?? 0) * classes;
    const v = row.values[j] ?? 0;
    for (let k = 0; k < classes; k++) out[k] = (out[k] ?? 0) + v * (weights[base + k] ?? 0);
  }
  for (let k = 0; k < classes; k++) out[k] = (out[k] ?? 0) * scale + (bias[k] ?? 0);
}

/** In place: logits → probabilities, after dividing by `temperature` (calibration). */
export function softmaxInPlace(z: Float64Array, temperature = 1): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    const e = Math.exp(((z[k] ?? 0) - max) / temperature);
    z[k] = e;
    sum += e;
  }
  for (let k = 0; k < z.length; k++) z[k] = (z[k] ?? 0) / sum;
}

export function predictProba(model: SoftmaxModel, row: SparseRow, temperature = 1): Float64Array {
  const z = new Float64Array(model.classes);
  logits(model, row, z);
  softmaxInPlace(z, temperature);
  return z;
}

/** Logits for every row of a matrix, row-major (n × classes): evaluation reuses them. */
export function logitsAll(model: SoftmaxModel, matrix: SparseMatrix): Float64Array[] {
  const out: Float64Array[] = [];
  for (let r = 0; r < matrix.rows; r++) {
    const z = new Float64Array(model.classes);
    logits(model, getRow(matrix, r), z);
    out.push(z);
  }
  return out;
}

export interface ObjectiveResult {
  loss: number;
  gradWeights: Float64Array;
  gradBias: Float64Array;
}

/** Full-batch objective and gradient (see the file comment). Used by L-BFGS and the tests. */
export function objective(
  model: SoftmaxModel,
  matrix: SparseMatrix,
  labels: Int32Array,
  lambda: number,
): ObjectiveResult {
  const { classes, weights } = model;
  const gradWeights = new Float64Array(weights.length);
  const gradBias = new Float64Array(classes);
  const z = new Float64Array(classes);
  const n = matrix.rows;
  let loss = 0;
  for (let r = 0; r < n; r++) {
    const row = getRow(matrix, r);
    const y = labels[r] ?? 0;
    logits(model, row, z);
    softmaxInPlace(z);
    loss -= Math.log(Math.max(z[y] ?? 0, 1e-300));
    z[y] = (z[y] ?? 0) - 1;
    for (let k = 0; k < classes; k++) gradBias[k] = (gradBias[k] ?? 0) + (z[k] ?? 0) / n;
    for (let j = 0; j < row.indices.length; j++) {
      const base = (row.indices[j] ?? 0) * classes;
      const v = (row.values[j] ?? 0) / n;
      for (let k = 0; k < classes; k++) {
        gradWeights[base + k] = (gradWeights[base + k] ?? 0) + v * (z[k] ?? 0);
      }
    }
  }
  loss /= n;
  let norm = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] ?? 0;
    norm += w * w;
    gradWeights[i] = (gradWeights[i] ?? 0) + lambda * w;
  }
  return { loss: loss + (lambda / 2) * norm, gradWeights, gradBias };
}

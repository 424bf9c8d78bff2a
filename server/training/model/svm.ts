/**
 * Linear SVM, one-vs-rest, L2-regularised squared hinge (L2-loss), trained by dual coordinate
 * descent — Hsieh, Chang, Lin, Keerthi, Sundararajan (2008), "A Dual Coordinate Descent Method for
 * Large-scale Linear SVM", Algorithm 1 with the shrinking of Algorithm 3, as LIBLINEAR's
 * `solve_l2r_l1l2_svc` (solver 1, the default of scikit-learn's LinearSVC). Per class k:
 *
 *   primal  min_w  ½‖w‖² + C Σ_i max(0, 1 − y_i w·x̄_i)²,   x̄_i = [x_i, B], y_i = ±1
 *   dual    min_α  ½ αᵀ(Q + D)α − eᵀα,  α ≥ 0,  Q_ij = y_i y_j x̄_i·x̄_j,  D_ii = 1/(2C)
 *
 * with w = Σ α_i y_i x̄_i kept up to date, so a coordinate step costs one sparse row. The bias is
 * the last component of w on a constant feature B = 1 (LIBLINEAR's `-B 1`: it is regularised too).
 * Each outer iteration visits the active rows in a fresh random order; it stops when the spread of
 * the projected gradient over the rows, max PG − min PG, is ≤ eps (LIBLINEAR's default 0.1), after a
 * last pass over every row if some were shrunk, or after maxIterations (LIBLINEAR: 1000).
 *
 * The result is a SoftmaxModel (weights feature-major, bias = w_B·B): its "logits" are the
 * decision values, and a temperature fitted on held-out rows turns them into probabilities.
 */
import { seededRandom } from "../evaluation/random";
import { emptyModel, type SoftmaxModel } from "./softmax";
import type { SparseMatrix } from "./sparse";

export interface SvmOptions {
  /** Cost C of the squared hinge (LIBLINEAR -c). */
  C: number;
  /** Stopping tolerance on max PG − min PG (LIBLINEAR -e, default 0.1). */
  eps: number;
  maxIterations: number;
  /** Constant bias feature B (LIBLINEAR -B); 0: no bias. */
  biasFeature: number;
  shrinking: boolean;
  seed: number;
  /** Called after each class; return false to stop (cancellation). */
  onClass?: (done: number, classes: number) => boolean | undefined;
}

export const DEFAULT_SVM: Omit<SvmOptions, "onClass"> = {
  C: 0.5,
  eps: 0.1,
  maxIterations: 1000,
  biasFeature: 1,
  shrinking: true,
  seed: 1,
};

export interface BinarySvmResult {
  /** features + 1 numbers: w, then the bias feature's weight. */
  w: Float64Array;
  alpha: Float64Array;
  iterations: number;
}

/** Squared ‖x̄_i‖² for every row (bias feature included). */
export function rowNorms(matrix: SparseMatrix, biasFeature: number): Float64Array {
  const out = new Float64Array(matrix.rows);
  for (let r = 0; r < matrix.rows; r++) {
    let s = biasFeature * biasFeature;
    for (let j = matrix.rowPtr[r] as number; j < (matrix.rowPtr[r + 1] as number); j++) {
      const v = matrix.values[j] as number;
      s += v * v;
    }
    out[r] = s;
  }
  return out;
}

/** One binary problem, y[i] ∈ {+1, −1}. `norms` from rowNorms (shared across classes). */
export function trainBinarySvm(
  matrix: SparseMatrix,
  y: Int8Array,
  norms: Float64Array,
  options: Omit<SvmOptions, "onClass">,
): BinarySvmResult {
  const { rowPtr, indices, values, cols } = matrix;
  const n = matrix.rows;
  const B = options.biasFeature;
  const w = new Float64Array(cols + 1);
  const alpha = new Float64Array(n);
  const diag = 0.5 / options.C;
  const qd = new Float64Array(n);
  for (let i = 0; i < n; i++) qd[i] = (norms[i] as number) + diag;
  const index = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(options.seed);
  let active = n;
  let pgMaxOld = Number.POSITIVE_INFINITY;
  let iter = 0;
  while (iter < options.maxIterations) {
    let pgMax = Number.NEGATIVE_INFINITY;
    let pgMin = Number.POSITIVE_INFINITY;
    for (let s = 0; s < active; s++) {
      const j = s + Math.floor(random() * (active - s));
      const t = index[s] as number;
      index[s] = index[j] as number;
      index[j] = t;
    }
    for (let s = 0; s < active; s++) {
      const i = index[s] as number;
      const yi = y[i] as number;
      const start = rowPtr[i] as number;
      const end = rowPtr[i + 1] as number;
      let dot = (w[cols] as number) * B;
      for (let p = start; p < end; p++)
        dot += (w[indices[p] as number] as number) * (values[p] as number);
      const a = alpha[i] as number;
      const G = yi * dot - 1 + a * diag;
      let PG = 0;
      if (a === 0) {
        if (options.shrinking && G > pgMaxOld) {
          active--;
          index[s] = index[active] as number;
          index[active] = i;
          s--;
          continue;
        }
        if (G < 0) PG = G;
      } else {
        PG = G;
      }
      if (PG > pgMax) pgMax = PG;
      if (PG < pgMin) pgMin = PG;
      if (Math.abs(PG) > 1e-12) {
        const next = Math.max(a - G / (qd[i] as number), 0);
        alpha[i] = next;
        const d = (next - a) * yi;
        for (let p = start; p < end; p++) {
          const f = indices[p] as number;
          w[f] = (w[f] as number) + d * (values[p] as number);
        }
        w[cols] = (w[cols] as number) + d * B;
      }
    }
    iter++;
    if (pgMax - pgMin <= options.eps) {
      if (active === n) break;
      active = n;
      pgMaxOld = Number.POSITIVE_INFINITY;
      continue;
    }
    // (LIBLINEAR also keeps min PG, for rows at the upper bound: there is none, U = ∞.)
    pgMaxOld = pgMax <= 0 ? Number.POSITIVE_INFINITY : pgMax;
  }
  return { w, alpha, iterations: iter };
}

/** Primal ½‖w‖² + C Σ max(0, 1 − y w·x̄)² and dual Σα − ½‖w‖² − Σα²/(4C) (gap = P − D ≥ 0). */
export function svmObjectives(
  matrix: SparseMatrix,
  y: Int8Array,
  result: Pick<BinarySvmResult, "w" | "alpha">,
  C: number,
  biasFeature: number,
): { primal: number; dual: number } {
  const { w, alpha } = result;
  const cols = matrix.cols;
  let ww = 0;
  for (const v of w) ww += v * v;
  let loss = 0;
  let sumAlpha = 0;
  let sumAlpha2 = 0;
  for (let i = 0; i < matrix.rows; i++) {
    let dot = (w[cols] as number) * biasFeature;
    for (let p = matrix.rowPtr[i] as number; p < (matrix.rowPtr[i + 1] as number); p++) {
      dot += (w[matrix.indices[p] as number] as number) * (matrix.values[p] as number);
    }
    const slack = Math.max(0, 1 - (y[i] as number) * dot);
    loss += slack * slack;
    sumAlpha += alpha[i] as number;
    sumAlpha2 += (alpha[i] as number) ** 2;
  }
  return { primal: 0.5 * ww + C * loss, dual: sumAlpha - 0.5 * ww - sumAlpha2 / (4 * C) };
}

/** One-vs-rest over `classes`: the decision values become the model's logits. */
export function trainSvm(
  matrix: SparseMatrix,
  labels: Int32Array,
  classes: number,
  options: SvmOptions,
): SoftmaxModel {
  const model = emptyModel(matrix.cols, classes);
  const norms = rowNorms(matrix, options.biasFeature);
  const y = new Int8Array(matrix.rows);
  for (let k = 0; k < classes; k++) {
    for (let i = 0; i < matrix.rows; i++) y[i] = labels[i] === k ? 1 : -1;
    const { w } = trainBinarySvm(matrix, y, norms, { ...options, seed: options.seed + k });
    for (let f = 0; f < matrix.cols; f++) model.weights[f * classes + k] = w[f] as number;
    model.bias[k] = (w[matrix.cols] as number) * options.biasFeature;
    if (options.onClass?.(k + 1, classes) === false) break;
  }
  return model;
}

/**
 * Limited-memory BFGS (Nocedal & Wright, algorithm 7.4/7.5) with a backtracking Armijo line
 * search, and the full-batch softmax trainer built on it. Exact but memory-hungry (2·m copies of
 * the parameters) and one full pass per evaluation: it is the reference optimum the SGD trainer is
 * tested against, and measured in bench/model.ts on the few-shot sets where it is affordable.
 */
import { objective, type SoftmaxModel } from "./softmax";
import type { SparseMatrix } from "./sparse";

export interface LbfgsOptions {
  maxIterations: number;
  /** Stop when ‖∇f‖∞ falls below this. */
  gradientTolerance: number;
  memory: number;
  onIteration?: (iteration: number, value: number) => boolean | undefined;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  gradientNorm: number;
}

type Objective = (x: Float64Array) => { value: number; gradient: Float64Array };

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

export function minimizeLbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions): LbfgsResult {
  const x = Float64Array.from(x0);
  let { value, gradient } = f(x);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  let iteration = 0;
  while (iteration < options.maxIterations && maxAbs(gradient) > options.gradientTolerance) {
    iteration++;
    // Two-loop recursion: direction = −H·∇f.
    const q = Float64Array.from(gradient);
    const alpha: number[] = [];
    for (let i = s.length - 1; i >= 0; i--) {
      const si = s[i] as Float64Array;
      const yi = y[i] as Float64Array;
      const a = dot(si, q) / dot(yi, si);
      alpha[i] = a;
      for (let j = 0; j < q.length; j++) q[j] = (q[j] ?? 0) - a * (yi[j] ?? 0);
    }
    const last = s.length - 1;
    const gamma =
      last >= 0
        ? dot(s[last] as Float64Array, y[last] as Float64Array) /
          dot(y[last] as Float64Array, y[last] as Float64Array)
        : 1 / Math.max(1, maxAbs(gradient));
    for (let j = 0; j < q.length; j++) q[j] = (q[j] ?? 0) * gamma;
    for (let i = 0; i < s.length; i++) {
      const si = s[i] as Float64Array;
      const yi = y[i] as Float64Array;
      const b = dot(yi, q) / dot(yi, si);
      for (let j = 0; j < q.length; j++) q[j] = (q[j] ?? 0) + (si[j] ?? 0) * ((alpha[i] ?? 0) - b);
    }
    let slope = -dot(gradient, q);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = 0;
      y.length = 0;
      for (let j = 0; j < q.length; j++) q[j] = gradient[j] ?? 0;
      slope = -dot(gradient, q);
    }
    let step = 1;
    const candidate = new Float64Array(x.length);
    let next = { value: Number.POSITIVE_INFINITY, gradient };
    for (let tries = 0; tries < 40; tries++) {
      for (let j = 0; j < x.length; j++) candidate[j] = (x[j] ?? 0) - step * (q[j] ?? 0);
      next = f(candidate);
      if (next.value <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    const sNew = new Float64Array(x.length);
    const yNew = new Float64Array(x.length);
    for (let j = 0; j < x.length; j++) {
      sNew[j] = (candidate[j] ?? 0) - (x[j] ?? 0);
      yNew[j] = (next.gradient[j] ?? 0) - (gradient[j] ?? 0);
    }
    if (next.value > value) break; // the line search failed: we are at the precision floor
    x.set(candidate);
    value = next.value;
    gradient = next.gradient;
    if (dot(sNew, yNew) > 1e-12) {
      s.push(sNew);
      y.push(yNew);
      if (s.length > options.memory) {
        s.shift();
        y.shift();
      }
    }
    if (options.onIteration?.(iteration, value) === false) break;
  }
  return { x, value, iterations: iteration, gradientNorm: maxAbs(gradient) };
}

/** Full-batch softmax regression: parameters are [W (feature-major), b] in one vector. */
export function trainLbfgs(
  matrix: SparseMatrix,
  labels: Int32Array,
  classes: number,
  options: LbfgsOptions & { lambda: number },
): { model: SoftmaxModel; result: LbfgsResult } {
  const size = matrix.cols * classes;
  const view = (x: Float64Array): SoftmaxModel => ({
    features: matrix.cols,
    classes,
    weights: x.subarray(0, size),
    bias: x.subarray(size),
  });
  const f: Objective = (x) => {
    const { loss, gradWeights, gradBias } = objective(view(x), matrix, labels, options.lambda);
    const gradient = new Float64Array(size + classes);
    gradient.set(gradWeights);
    gradient.set(gradBias, size);
    return { value: loss, gradient };
  };
  const result = minimizeLbfgs(f, new Float64Array(size + classes), options);
  // Float64 views over the result: exact for the tests; the caller may narrow to Float32.
  return { model: view(result.x), result };
}

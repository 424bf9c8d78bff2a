import { describe, expect, it } from "vitest";
import { fromRows, type SparseMatrix } from "./sparse";
import { rowNorms, svmObjectives, trainBinarySvm, trainSvm } from "./svm";

/**
 * Known result: 14 rows × 4 features (zeros dropped → sparse), C = 0.7, bias feature B = 1.
 * The primal optimum of ½‖w̄‖² + C Σ max(0, 1 − y_i w̄·[x_i, B])² was computed with
 * scipy.optimize.minimize (BFGS, gtol 1e-12; scipy 1.17.1, max |∇| 4.4e-12 at the optimum) by the
 * script quoted in the README ("svm.test.ts reference"), and pasted here.
 */
const X = [
  [-0.8, 0.0, -0.25, 0.42],
  [1.14, 0.11, 0.0, -0.78],
  [0.0, 1.63, 0.27, -1.23],
  [-0.96, 0.0, 0.2, -1.73],
  [-0.08, -1.16, -0.63, -0.49],
  [-0.71, 0.55, -0.06, 0.0],
  [0.41, 0.83, -1.64, -0.26],
  [-0.98, -0.17, 0.0, 0.02],
  [0.0, -0.3, -1.05, -0.4],
  [-1.09, 0.0, 0.22, 0.0],
  [1.17, 0.0, -2.0, 0.0],
  [-1.1, 0.03, 0.0, -1.99],
  [0.0, -0.26, 0.96, 0.0],
  [0.74, 0.0, -0.33, 0.0],
];
const Y = [-1, 1, -1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, 1];
const C = 0.7;
const W_STAR = [1.2176944599, -0.6028715947, -0.2060978984, 0.0335007209, 0.3281160476];
const F_STAR = 1.7185689753;

function sparse(rows: number[][]): SparseMatrix {
  return fromRows(
    rows.map((row) => {
      const indices = row.flatMap((v, f) => (v === 0 ? [] : [f]));
      return {
        indices: Int32Array.from(indices),
        values: Float32Array.from(indices.map((f) => row[f] ?? 0)),
      };
    }),
    4,
  );
}

const matrix = sparse(X);
const y = Int8Array.from(Y);
const norms = rowNorms(matrix, 1);
const base = { C, biasFeature: 1, maxIterations: 100_000, shrinking: true, seed: 3 };

describe("dual coordinate descent (L2-loss linear SVM)", () => {
  it("reaches the scipy primal optimum, bias included", () => {
    const result = trainBinarySvm(matrix, y, norms, { ...base, eps: 1e-7 });
    // Float32 inputs: the rows differ from scipy's float64 by < 1e-8 each.
    for (let f = 0; f < 5; f++) expect(result.w[f]).toBeCloseTo(W_STAR[f] ?? 0, 5);
    const { primal, dual } = svmObjectives(matrix, y, result, C, 1);
    expect(primal).toBeCloseTo(F_STAR, 6);
    expect(Math.abs(primal - dual)).toBeLessThan(1e-6);
  });

  it("narrows the duality gap as the tolerance tightens, with and without shrinking", () => {
    const gaps = [1, 0.1, 1e-3, 1e-6].map((eps) => {
      const { primal, dual } = svmObjectives(
        matrix,
        y,
        trainBinarySvm(matrix, y, norms, { ...base, eps }),
        C,
        1,
      );
      expect(primal).toBeGreaterThanOrEqual(F_STAR - 1e-7); // weak duality: D ≤ P* ≤ P
      expect(dual).toBeLessThanOrEqual(F_STAR + 1e-7);
      return primal - dual;
    });
    expect(gaps[3]).toBeLessThan(1e-5);
    expect(gaps[3]).toBeLessThan(gaps[0] ?? 0);
    expect(gaps[2]).toBeLessThanOrEqual((gaps[1] ?? 0) + 1e-12);
    const plain = trainBinarySvm(matrix, y, norms, { ...base, eps: 1e-7, shrinking: false });
    for (let f = 0; f < 5; f++) expect(plain.w[f]).toBeCloseTo(W_STAR[f] ?? 0, 5);
  });

  it("stops at the iteration cap", () => {
    expect(trainBinarySvm(matrix, y, norms, { ...base, eps: 0, maxIterations: 7 }).iterations).toBe(
      7,
    );
  });

  it("one-vs-rest: class k's weights and bias are the binary solution for k against the rest", () => {
    const labels = Int32Array.from(
      X.map((row) => ((row[0] ?? 0) > 0.3 ? 2 : Y[X.indexOf(row)] === 1 ? 1 : 0)),
    );
    const model = trainSvm(matrix, labels, 3, { ...base, eps: 1e-7 });
    for (let k = 0; k < 3; k++) {
      const yk = Int8Array.from(labels, (l) => (l === k ? 1 : -1));
      const { w } = trainBinarySvm(matrix, yk, norms, { ...base, eps: 1e-7, seed: base.seed + k });
      for (let f = 0; f < 4; f++) expect(model.weights[f * 3 + k]).toBeCloseTo(w[f] ?? 0, 4);
      expect(model.bias[k]).toBeCloseTo(w[4] ?? 0, 4);
    }
  });
});

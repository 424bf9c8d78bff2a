import { describe, expect, it } from "vitest";
import { seededRandom } from "../evaluation/random";
import { minimizeLbfgs, trainLbfgs } from "./lbfgs";
import { trainSgd } from "./sgd";
import { objective, predictProba, type SoftmaxModel } from "./softmax";
import { fromRows, getRow, type SparseMatrix } from "./sparse";

/** A small random sparse problem: 60 rows, 12 features, 3 classes, labels from a hidden model. */
function problem(seed = 3): { matrix: SparseMatrix; labels: Int32Array } {
  const random = seededRandom(seed);
  const rows = [];
  const labels: number[] = [];
  for (let r = 0; r < 60; r++) {
    const indices = [...new Set([0, 1, 2, 3].map(() => Math.floor(random() * 12)))].sort(
      (a, b) => a - b,
    );
    const values = indices.map(() => random() * 2 - 0.5);
    rows.push({ indices: Int32Array.from(indices), values: Float32Array.from(values) });
    labels.push(((indices[0] ?? 0) + (random() < 0.2 ? 1 : 0)) % 3);
  }
  return { matrix: fromRows(rows, 12), labels: Int32Array.from(labels) };
}

function randomModel(features: number, classes: number, seed: number): SoftmaxModel {
  const random = seededRandom(seed);
  const weights = new Float64Array(features * classes).map(() => random() - 0.5);
  const bias = new Float64Array(classes).map(() => random() - 0.5);
  return { features, classes, weights, bias };
}

describe("softmax objective", () => {
  it("has the gradient finite differences give (weights and bias)", () => {
    const { matrix, labels } = problem();
    const model = randomModel(12, 3, 9);
    const lambda = 0.01;
    const { gradWeights, gradBias } = objective(model, matrix, labels, lambda);
    const h = 1e-6;
    const numeric = (array: Float64Array, i: number) => {
      const saved = array[i] ?? 0;
      array[i] = saved + h;
      const up = objective(model, matrix, labels, lambda).loss;
      array[i] = saved - h;
      const down = objective(model, matrix, labels, lambda).loss;
      array[i] = saved;
      return (up - down) / (2 * h);
    };
    for (const i of [0, 5, 17, 35]) {
      expect(gradWeights[i]).toBeCloseTo(numeric(model.weights as Float64Array, i), 7);
    }
    for (const k of [0, 1, 2])
      expect(gradBias[k]).toBeCloseTo(numeric(model.bias as Float64Array, k), 7);
  });

  it("gives probabilities that sum to 1", () => {
    const { matrix } = problem();
    const model = randomModel(12, 3, 4);
    for (let r = 0; r < 5; r++) {
      const p = predictProba(model, getRow(matrix, r));
      expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    }
  });
});

describe("L-BFGS", () => {
  it("finds the minimum of a quadratic with a known optimum", () => {
    // f(x) = Σ c_i (x_i − i)²: minimum at x_i = i.
    const c = [1, 10, 100, 0.5];
    const result = minimizeLbfgs(
      (x) => ({
        value: c.reduce((s, ci, i) => s + ci * ((x[i] ?? 0) - i) ** 2, 0),
        gradient: Float64Array.from(c.map((ci, i) => 2 * ci * ((x[i] ?? 0) - i))),
      }),
      new Float64Array(4),
      { maxIterations: 100, gradientTolerance: 1e-9, memory: 5 },
    );
    for (const i of [0, 1, 2, 3]) expect(result.x[i]).toBeCloseTo(i, 6);
  });

  it("reproduces the closed form: with one constant feature and λ = 0, p = class frequencies", () => {
    // Every row is x = [1]; 3 rows of class 0, 1 of class 1, 0 of class 2 is avoided (log 0):
    // 6 / 3 / 1 of classes 0 / 1 / 2 → the maximum-likelihood probabilities are 0.6 / 0.3 / 0.1.
    const labels = Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 2]);
    const rows = [...labels].map(() => ({ indices: Int32Array.of(0), values: Float32Array.of(1) }));
    const { model } = trainLbfgs(fromRows(rows, 1), labels, 3, {
      lambda: 0,
      maxIterations: 200,
      gradientTolerance: 1e-10,
      memory: 5,
    });
    const p = predictProba(model, { indices: Int32Array.of(0), values: Float32Array.of(1) });
    expect([...p].map((v) => Number(v.toFixed(6)))).toEqual([0.6, 0.3, 0.1]);
  });

  it("drives the softmax gradient to zero", () => {
    const { matrix, labels } = problem();
    const { result } = trainLbfgs(matrix, labels, 3, {
      lambda: 0.01,
      maxIterations: 500,
      gradientTolerance: 1e-8,
      memory: 8,
    });
    expect(result.gradientNorm).toBeLessThan(1e-6);
  });
});

describe("SGD", () => {
  it("reaches the L-BFGS optimum of the same objective to within 0.5%", () => {
    const { matrix, labels } = problem();
    const lambda = 0.01;
    const exact = trainLbfgs(matrix, labels, 3, {
      lambda,
      maxIterations: 500,
      gradientTolerance: 1e-9,
      memory: 8,
    });
    const sgd = trainSgd(matrix, labels, 3, { epochs: 300, lambda, eta0: 0.3, seed: 1 });
    const sgdLoss = objective(sgd, matrix, labels, lambda).loss;
    expect(sgdLoss).toBeGreaterThanOrEqual(exact.result.value - 1e-6);
    expect(sgdLoss).toBeLessThan(exact.result.value * 1.005);
  });

  it("is deterministic for a seed", () => {
    const { matrix, labels } = problem();
    const a = trainSgd(matrix, labels, 3, { epochs: 3, lambda: 1e-3, eta0: 0.5, seed: 2 });
    const b = trainSgd(matrix, labels, 3, { epochs: 3, lambda: 1e-3, eta0: 0.5, seed: 2 });
    expect([...a.weights]).toEqual([...b.weights]);
  });

  it("stops when the epoch callback says so", () => {
    const { matrix, labels } = problem();
    const seen: number[] = [];
    trainSgd(matrix, labels, 3, {
      epochs: 10,
      lambda: 1e-3,
      eta0: 0.5,
      seed: 2,
      onEpoch: (epoch) => {
        seen.push(epoch);
        return epoch < 3;
      },
    });
    expect(seen).toEqual([1, 2, 3]);
  });
});

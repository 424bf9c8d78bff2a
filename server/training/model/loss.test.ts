import { describe, expect, it } from "vitest";
import { seededRandom } from "../evaluation/random";
import { type LossKind, logitGradient, trainSgd } from "./sgd";
import { predictProba } from "./softmax";
import { fromRows, getRow } from "./sparse";

/** The losses logitGradient differentiates, written out directly (see its comment). */
function lossValue(z: Float64Array, y: number, loss: LossKind): number {
  if (loss === "softmax") {
    const max = Math.max(...z);
    const sum = z.reduce((s, v) => s + Math.exp(v - max), 0);
    return -((z[y] ?? 0) - max - Math.log(sum));
  }
  if (loss === "squared-hinge") {
    return z.reduce((s, v, k) => s + Math.max(0, 1 - (k === y ? 1 : -1) * v) ** 2, 0);
  }
  const worst = Math.max(...z.filter((_, k) => k !== y));
  return Math.max(0, 1 + worst - (z[y] ?? 0));
}

describe("logitGradient", () => {
  for (const loss of ["softmax", "squared-hinge", "crammer-singer"] as const) {
    it(`matches finite differences of the ${loss} loss`, () => {
      const random = seededRandom(5);
      for (let trial = 0; trial < 20; trial++) {
        const z = Float64Array.from({ length: 5 }, () => random() * 3 - 1.5);
        const y = trial % 5;
        const grad = Float64Array.from(z);
        logitGradient(grad, y, loss);
        const h = 1e-6;
        for (let k = 0; k < z.length; k++) {
          const up = Float64Array.from(z);
          up[k] = (up[k] ?? 0) + h;
          const down = Float64Array.from(z);
          down[k] = (down[k] ?? 0) - h;
          const numeric = (lossValue(up, y, loss) - lossValue(down, y, loss)) / (2 * h);
          expect(grad[k]).toBeCloseTo(numeric, 5);
        }
      }
    });
  }

  it("is zero for the hinge losses once every margin is met", () => {
    const z = Float64Array.from([3, -2, -1.5]);
    const a = Float64Array.from(z);
    logitGradient(a, 0, "squared-hinge");
    expect([...a]).toEqual([0, 0, 0]);
    const b = Float64Array.from(z);
    logitGradient(b, 0, "crammer-singer");
    expect([...b]).toEqual([0, 0, 0]);
  });

  it("trains a separable problem to zero training error with each loss", () => {
    // Three classes, each marked by its own feature plus a shared noisy one.
    const random = seededRandom(2);
    const rows = [];
    const labels: number[] = [];
    for (let r = 0; r < 90; r++) {
      const k = r % 3;
      rows.push({ indices: Int32Array.from([k, 3]), values: Float32Array.from([1, random()]) });
      labels.push(k);
    }
    const matrix = fromRows(rows, 4);
    for (const loss of ["softmax", "squared-hinge", "crammer-singer"] as const) {
      const model = trainSgd(matrix, Int32Array.from(labels), 3, {
        epochs: 20,
        lambda: 1e-4,
        eta0: 0.1,
        seed: 1,
        loss,
      });
      for (let r = 0; r < matrix.rows; r++) {
        const p = predictProba(model, getRow(matrix, r));
        expect(p.indexOf(Math.max(...p))).toBe(labels[r]);
      }
    }
  });
});

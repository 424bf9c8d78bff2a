import { describe, expect, it } from "vitest";
import type { SparseRow } from "@/server/training/model/sparse";
import { dotDense, seededRandom } from "./kmeans";
import { nearestCentres } from "./nearest-centres";

function randomRow(random: () => number, dimension: number): SparseRow {
  const picked = new Set<number>();
  const nnz = 1 + Math.floor(random() * 12);
  while (picked.size < nnz) picked.add(Math.floor(random() * dimension));
  const indices = Int32Array.from([...picked].sort((a, b) => a - b));
  const values = Float32Array.from(indices, () => random() * 2 - 0.5);
  return { indices, values };
}

function randomCentre(random: () => number, dimension: number): Float32Array {
  // Sparse-ish like a mean of a few rows: most weights zero.
  return Float32Array.from({ length: dimension }, () => (random() < 0.3 ? random() : 0));
}

describe("nearestCentres", () => {
  it("equals the brute-force loop (>=, later centre wins ties) on random data", () => {
    const random = seededRandom(3);
    const dimension = 40;
    const centres = Array.from({ length: 25 }, () => randomCentre(random, dimension));
    // A duplicated centre makes exact ties: the later one must win, as in the loop.
    centres.push(Float32Array.from(centres[4] as Float32Array));
    const rows = Array.from({ length: 400 }, () => randomRow(random, dimension));
    // A row with a feature beyond every centre's length counts that feature as 0.
    rows.push({ indices: Int32Array.from([3, dimension + 5]), values: Float32Array.from([1, 1]) });
    for (const threshold of [-1, 0.2, 0.6, 5]) {
      const { best, similarity } = nearestCentres(rows, centres, threshold);
      let assigned = 0;
      rows.forEach((row, r) => {
        let expected = -1;
        let bestSim = threshold;
        centres.forEach((centre, g) => {
          const s = dotDense(row, centre);
          if (s >= bestSim) {
            bestSim = s;
            expected = g;
          }
        });
        expect(best[r]).toBe(expected);
        expect(similarity[r]).toBe(expected >= 0 ? bestSim : 0);
        if (expected >= 0) assigned++;
      });
      if (threshold === 5) expect(assigned).toBe(0);
      if (threshold === -1) expect(assigned).toBe(rows.length);
    }
    const tie = nearestCentres(
      [{ indices: Int32Array.from([0]), values: Float32Array.from([1]) }],
      [Float32Array.from([0.5]), Float32Array.from([0.5])],
      0,
    );
    expect(tie.best[0]).toBe(1);
  });

  it("handles no rows and no centres", () => {
    expect(nearestCentres([], [], 0).best.length).toBe(0);
    const row = { indices: Int32Array.from([1]), values: Float32Array.from([1]) };
    expect(Array.from(nearestCentres([row], [], 0).best)).toEqual([-1]);
  });
});

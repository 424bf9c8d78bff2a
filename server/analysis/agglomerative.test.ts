import { describe, expect, it } from "vitest";
import type { SparseRow } from "@/server/training/model/sparse";
import { averageLinkage, pairwiseSimilarities, plainSimilarities } from "./agglomerative";
import { seededRandom } from "./kmeans";

function rows(seed: number, count: number, dimension: number): SparseRow[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const picked = new Set<number>();
    const nnz = Math.floor(random() * 15);
    // Skewed towards low features so rows share many (as common char n-grams do).
    while (picked.size < nnz) picked.add(Math.floor(random() ** 2 * dimension));
    const indices = Int32Array.from([...picked].sort((a, b) => a - b));
    const values = Float32Array.from(indices, () => random() * 2 - 0.6);
    return { indices, values };
  });
}

describe("pairwiseSimilarities", () => {
  it("equals the plain loop exactly (inverted index over ascending rows)", () => {
    const data = rows(5, 300, 60);
    const fast = pairwiseSimilarities(data, 60);
    const plain = plainSimilarities(data, 60);
    expect(Array.from(fast)).toEqual(Array.from(plain));
    expect(fast.filter((s) => s !== 0).length).toBeGreaterThan(300 * 50);
  });

  it("falls back to the plain loop for rows that are not ascending", () => {
    const data = rows(6, 50, 40);
    data.push({ indices: Int32Array.from([7, 2]), values: Float32Array.from([1, 0.5]) });
    expect(Array.from(pairwiseSimilarities(data, 40))).toEqual(
      Array.from(plainSimilarities(data, 40)),
    );
  });

  it("gives average linkage the same clusters either way", () => {
    const data = rows(8, 200, 30);
    const a = averageLinkage(pairwiseSimilarities(data, 30), data.length, 0.15);
    const b = averageLinkage(plainSimilarities(data, 30), data.length, 0.15);
    expect(a.map((c) => c.members)).toEqual(b.map((c) => c.members));
    expect(a.some((c) => c.members.length > 1)).toBe(true);
  });
});

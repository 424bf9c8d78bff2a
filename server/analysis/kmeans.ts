/**
 * Spherical k-means over L2-normalised sparse rows (cosine similarity), k-means++ seeding, and for
 * large inputs a fit on a seeded sample followed by one assignment pass over every row (the
 * centroids are dense; a row costs nnz × k multiply-adds per pass).
 */

import { seededRandom } from "@/server/training/evaluation/random";
import type { SparseRow } from "@/server/training/model/sparse";

export interface KMeansOptions {
  iterations: number;
  seed: number;
  /** Fit the centroids on at most this many rows, then assign all rows. */
  sampleSize: number;
}

export const DEFAULT_KMEANS: KMeansOptions = { iterations: 20, seed: 7, sampleSize: 4_000 };

export interface KMeansResult {
  k: number;
  centroids: Float32Array[];
  /** Cluster of each row. */
  assignments: Int32Array;
  /** Cosine similarity of each row to its centroid. */
  similarities: Float32Array;
}

/** Deterministic PRNG (mulberry32): the one in server/training/evaluation/random.ts. */
export { seededRandom };

export function dotDense(row: SparseRow, dense: Float32Array): number {
  let sum = 0;
  const { indices, values } = row;
  for (let i = 0; i < indices.length; i++) sum += (values[i] ?? 0) * (dense[indices[i] ?? 0] ?? 0);
  return sum;
}

function addInto(dense: Float32Array, row: SparseRow): void {
  const { indices, values } = row;
  for (let i = 0; i < indices.length; i++) {
    const at = indices[i] ?? 0;
    dense[at] = (dense[at] ?? 0) + (values[i] ?? 0);
  }
}

function normalizeDense(dense: Float32Array): void {
  let sum = 0;
  for (let i = 0; i < dense.length; i++) sum += (dense[i] ?? 0) ** 2;
  if (sum === 0) return;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < dense.length; i++) dense[i] = (dense[i] ?? 0) * scale;
}

function centroidOf(row: SparseRow, dimension: number): Float32Array {
  const c = new Float32Array(dimension);
  addInto(c, row);
  normalizeDense(c);
  return c;
}

/** k-means++: each next seed drawn with probability ∝ (1 − cos to the nearest seed)². */
function seedCentroids(rows: SparseRow[], k: number, dimension: number, random: () => number) {
  const first = rows[Math.floor(random() * rows.length)];
  if (!first) return [];
  const centroids = [centroidOf(first, dimension)];
  const best = new Float64Array(rows.length).fill(Number.POSITIVE_INFINITY);
  while (centroids.length < k) {
    const last = centroids[centroids.length - 1] as Float32Array;
    let total = 0;
    rows.forEach((row, r) => {
      const d = Math.max(0, 1 - dotDense(row, last));
      if (d * d < (best[r] ?? 0)) best[r] = d * d;
      total += best[r] ?? 0;
    });
    if (total <= 0) break;
    let target = random() * total;
    let pick = rows.length - 1;
    for (let r = 0; r < rows.length; r++) {
      target -= best[r] ?? 0;
      if (target <= 0) {
        pick = r;
        break;
      }
    }
    centroids.push(centroidOf(rows[pick] as SparseRow, dimension));
  }
  return centroids;
}

function assign(rows: readonly SparseRow[], centroids: Float32Array[]) {
  const assignments = new Int32Array(rows.length);
  const similarities = new Float32Array(rows.length);
  rows.forEach((row, r) => {
    let best = -1;
    let bestSim = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < centroids.length; c++) {
      const sim = dotDense(row, centroids[c] as Float32Array);
      if (sim > bestSim) {
        bestSim = sim;
        best = c;
      }
    }
    assignments[r] = best;
    similarities[r] = bestSim;
  });
  return { assignments, similarities };
}

function sampleRows(rows: readonly SparseRow[], size: number, random: () => number): SparseRow[] {
  if (rows.length <= size) return [...rows];
  const positions = Array.from(rows.keys());
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (positions.length - i));
    [positions[i], positions[j]] = [positions[j] as number, positions[i] as number];
  }
  return positions.slice(0, size).map((p) => rows[p] as SparseRow);
}

export function sphericalKMeans(
  rows: readonly SparseRow[],
  k: number,
  dimension: number,
  options: KMeansOptions = DEFAULT_KMEANS,
): KMeansResult {
  const random = seededRandom(options.seed);
  const fitRows = sampleRows(rows, options.sampleSize, random);
  let centroids: Float32Array[] = seedCentroids(
    fitRows,
    Math.min(k, fitRows.length),
    dimension,
    random,
  );
  let previous: Int32Array | null = null;
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const { assignments, similarities } = assign(fitRows, centroids);
    if (previous?.every((c, r) => c === assignments[r])) break;
    previous = assignments;
    const next: Float32Array[] = centroids.map(() => new Float32Array(dimension));
    const counts = new Int32Array(centroids.length);
    fitRows.forEach((row, r) => {
      const c = assignments[r] ?? 0;
      addInto(next[c] as Float32Array, row);
      counts[c] = (counts[c] ?? 0) + 1;
    });
    // An empty cluster restarts at the row its centroid explains worst.
    counts.forEach((count, c) => {
      if (count > 0) return;
      let worst = 0;
      for (let r = 1; r < fitRows.length; r++) {
        if ((similarities[r] ?? 0) < (similarities[worst] ?? 0)) worst = r;
      }
      similarities[worst] = 1;
      next[c] = centroidOf(fitRows[worst] as SparseRow, dimension);
    });
    for (const c of next) normalizeDense(c);
    centroids = next;
  }
  const { assignments, similarities } = assign(rows, centroids);
  return { k: centroids.length, centroids, assignments, similarities };
}

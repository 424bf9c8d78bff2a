/**
 * Choosing k: the mean silhouette (cosine distance) of a seeded sample, for each candidate k. The
 * sample's pairwise similarities are computed once (n² / 2 sparse dots) and reused for every k.
 */

import type { SparseRow } from "@/server/training/model/sparse";
import { type KMeansOptions, type KMeansResult, seededRandom, sphericalKMeans } from "./kmeans";

export interface ChooseKOptions {
  candidates: number[];
  /** Rows the silhouette is measured on. */
  silhouetteSample: number;
  kmeans: KMeansOptions;
}

function pairwise(rows: readonly SparseRow[], dimension: number): Float32Array {
  const n = rows.length;
  const sims = new Float32Array(n * n);
  const dense = new Float32Array(dimension);
  for (let i = 0; i < n; i++) {
    const a = rows[i] as SparseRow;
    for (let t = 0; t < a.indices.length; t++) dense[a.indices[t] ?? 0] = a.values[t] ?? 0;
    sims[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const b = rows[j] as SparseRow;
      let s = 0;
      for (let t = 0; t < b.indices.length; t++)
        s += (b.values[t] ?? 0) * (dense[b.indices[t] ?? 0] ?? 0);
      sims[i * n + j] = s;
      sims[j * n + i] = s;
    }
    for (let t = 0; t < a.indices.length; t++) dense[a.indices[t] ?? 0] = 0;
  }
  return sims;
}

/** Mean silhouette of the labelled sample; singletons count 0 (as scikit-learn). */
export function silhouette(sims: Float32Array, labels: Int32Array, k: number): number {
  const n = labels.length;
  const sizes = new Int32Array(k);
  for (const c of labels) sizes[c] = (sizes[c] ?? 0) + 1;
  let total = 0;
  const sum = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sum.fill(0);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const c = labels[j] ?? 0;
      sum[c] = (sum[c] ?? 0) + (1 - (sims[i * n + j] ?? 0));
    }
    const own = labels[i] ?? 0;
    if ((sizes[own] ?? 0) <= 1) continue;
    const a = (sum[own] ?? 0) / ((sizes[own] ?? 1) - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      if (c === own || (sizes[c] ?? 0) === 0) continue;
      b = Math.min(b, (sum[c] ?? 0) / (sizes[c] ?? 1));
    }
    if (!Number.isFinite(b)) continue;
    total += (b - a) / Math.max(a, b);
  }
  return n === 0 ? 0 : total / n;
}

export interface ChosenK {
  result: KMeansResult;
  scores: { k: number; silhouette: number }[];
}

export function chooseK(
  rows: readonly SparseRow[],
  dimension: number,
  options: ChooseKOptions,
): ChosenK {
  const random = seededRandom(options.kmeans.seed + 1);
  const positions = Array.from(rows.keys());
  for (let i = positions.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [positions[i], positions[j]] = [positions[j] as number, positions[i] as number];
  }
  const samplePositions = positions.slice(0, options.silhouetteSample);
  const sample = samplePositions.map((p) => rows[p] as SparseRow);
  const sims = pairwise(sample, dimension);
  const candidates = options.candidates.filter((k) => k >= 2 && k < rows.length);
  let best: { k: number; score: number; result: KMeansResult } | null = null;
  const scores: { k: number; silhouette: number }[] = [];
  for (const k of candidates) {
    const result = sphericalKMeans(rows, k, dimension, options.kmeans);
    const labels = Int32Array.from(samplePositions, (p) => result.assignments[p] ?? 0);
    const score = silhouette(sims, labels, result.k);
    scores.push({ k, silhouette: Math.round(score * 10_000) / 10_000 });
    if (!best || score > best.score) best = { k, score, result };
  }
  if (!best) {
    const result = sphericalKMeans(
      rows,
      Math.max(1, Math.min(rows.length, 1)),
      dimension,
      options.kmeans,
    );
    return { result, scores };
  }
  return { result: best.result, scores };
}

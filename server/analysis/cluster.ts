/**
 * Clustering not-confident messages into topics, two measured methods (bench/gaps-tune.ts):
 * - "agglomerative" (default): average linkage with a similarity threshold on a seeded sample of at
 *   most `sampleSize` rows; clusters of at least `minSize` become topics, and every row outside the
 *   sample joins the topic whose centre it is closest to when that cosine reaches `assignThreshold`;
 * - "kmeans": spherical k-means with k chosen by silhouette (choose-k.ts), every cluster kept.
 */
import type { SparseRow } from "@/server/training/model/sparse";
import { averageLinkage, pairwiseSimilarities } from "./agglomerative";
import { chooseK } from "./choose-k";
import { dotDense, type KMeansOptions, seededRandom } from "./kmeans";
import { nearestCentres } from "./nearest-centres";

export interface ClusterOptions {
  method: "agglomerative" | "kmeans";
  threshold: number;
  assignThreshold: number;
  sampleSize: number;
  minSize: number;
  seed: number;
  /** k-means only. */
  kCandidates: number[];
  kmeans: KMeansOptions;
}

export interface Topic {
  /** Row positions. */
  members: number[];
  /** Cosine of each member to the topic's centre, same order. */
  similarities: number[];
  /** Mean cosine of the members to the centre. */
  cohesion: number;
}

export interface Clustering {
  topics: Topic[];
  /** k-means: the silhouette of each k tried. */
  scores: { k: number; silhouette: number }[];
}

function centreOf(rows: readonly SparseRow[], members: number[], dimension: number): Float32Array {
  const c = new Float32Array(dimension);
  for (const m of members) {
    const row = rows[m] as SparseRow;
    for (let t = 0; t < row.indices.length; t++) {
      const at = row.indices[t] ?? 0;
      c[at] = (c[at] ?? 0) + (row.values[t] ?? 0);
    }
  }
  let sum = 0;
  for (const v of c) sum += v * v;
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  for (let i = 0; i < c.length; i++) c[i] = (c[i] ?? 0) * scale;
  return c;
}

function samplePositions(n: number, size: number, seed: number): number[] {
  const positions = Array.from({ length: n }, (_, i) => i);
  if (n <= size) return positions;
  const random = seededRandom(seed);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    [positions[i], positions[j]] = [positions[j] as number, positions[i] as number];
  }
  return positions.slice(0, size).sort((a, b) => a - b);
}

function agglomerative(
  rows: readonly SparseRow[],
  dimension: number,
  options: ClusterOptions,
): Topic[] {
  const sample = samplePositions(rows.length, options.sampleSize, options.seed);
  const sampleRows = sample.map((p) => rows[p] as SparseRow);
  const sims = pairwiseSimilarities(sampleRows, dimension);
  const clusters = averageLinkage(sims, sampleRows.length, options.threshold).filter(
    (c) => c.members.length >= Math.min(options.minSize, Math.max(2, sample.length)),
  );
  const groups = clusters.map((c) => c.members.map((m) => sample[m] as number));
  const centres = groups.map((g) => centreOf(rows, g, dimension));
  if (sample.length < rows.length) {
    const inSample = new Set(sample);
    const rest: number[] = [];
    for (let r = 0; r < rows.length; r++) if (!inSample.has(r)) rest.push(r);
    const { best } = nearestCentres(
      rest.map((r) => rows[r] as SparseRow),
      centres,
      options.assignThreshold,
    );
    rest.forEach((r, i) => {
      const g = best[i] as number;
      if (g >= 0) groups[g]?.push(r);
    });
  }
  return groups.map((members, g) => {
    const centre = centres[g] as Float32Array;
    const similarities = members.map((m) => dotDense(rows[m] as SparseRow, centre));
    const cohesion = similarities.reduce((s, v) => s + v, 0) / Math.max(1, similarities.length);
    return { members, similarities, cohesion };
  });
}

export function clusterTopics(
  rows: readonly SparseRow[],
  dimension: number,
  options: ClusterOptions,
): Clustering {
  if (options.method === "agglomerative") {
    return { topics: agglomerative(rows, dimension, options), scores: [] };
  }
  const { result, scores } = chooseK(rows, dimension, {
    candidates: options.kCandidates,
    silhouetteSample: Math.min(options.sampleSize, 1_500),
    kmeans: options.kmeans,
  });
  const groups = Array.from({ length: result.k }, () => [] as number[]);
  result.assignments.forEach((c, r) => {
    groups[c]?.push(r);
  });
  const topics = groups
    .filter((g) => g.length >= options.minSize)
    .map((members) => {
      const similarities = members.map((m) => result.similarities[m] ?? 0);
      const cohesion = similarities.reduce((s, v) => s + v, 0) / similarities.length;
      return { members, similarities, cohesion };
    });
  return { topics, scores };
}

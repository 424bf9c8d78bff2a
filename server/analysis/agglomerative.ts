/**
 * Average-linkage agglomerative clustering with a similarity threshold, by the nearest-neighbour
 * chain algorithm (O(n²) time and memory on the pairwise cosine matrix). Merging stops for a
 * cluster when its best partner's average similarity falls below the threshold: average linkage is
 * reducible, so a reciprocal nearest pair below the threshold can never join anything above it and
 * both are final. Small clusters are what a density method calls noise: scattered messages.
 */
import type { SparseRow } from "@/server/training/model/sparse";

function ascendingBelow(row: SparseRow, dimension: number): boolean {
  for (let t = 1; t < row.indices.length; t++) {
    if ((row.indices[t] as number) <= (row.indices[t - 1] as number)) return false;
  }
  return row.indices.length === 0 || (row.indices[row.indices.length - 1] as number) < dimension;
}

/**
 * Cosines of every pair (n × n, row-major). With rows whose indices ascend (the featuriser's
 * rows do), by an inverted index: row i's entries meet only the later rows sharing a feature, and
 * each pair's products are added in ascending feature order — the order of the plain loop over
 * row j's entries, so the same sums. Otherwise the plain loop (scatter row i, dot every later j).
 */
export function pairwiseSimilarities(rows: readonly SparseRow[], dimension: number): Float32Array {
  const n = rows.length;
  const sims = new Float32Array(n * n);
  if (!rows.every((row) => ascendingBelow(row, dimension))) {
    return plainSimilarities(rows, dimension, sims);
  }
  // Postings per feature: (row, value), rows ascending; `slot` is where each entry of a row sits.
  const start = new Int32Array(dimension + 1);
  for (const row of rows) {
    for (const f of row.indices) start[f + 1] = (start[f + 1] as number) + 1;
  }
  for (let f = 0; f < dimension; f++)
    start[f + 1] = (start[f + 1] as number) + (start[f] as number);
  const fillAt = start.slice(0, dimension);
  const postRow = new Int32Array(start[dimension] as number);
  const postValue = new Float32Array(start[dimension] as number);
  const slot: Int32Array[] = rows.map((row, r) => {
    const slots = new Int32Array(row.indices.length);
    for (let t = 0; t < row.indices.length; t++) {
      const f = row.indices[t] as number;
      const at = fillAt[f] as number;
      fillAt[f] = at + 1;
      postRow[at] = r;
      postValue[at] = row.values[t] as number;
      slots[t] = at;
    }
    return slots;
  });
  const acc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = rows[i] as SparseRow;
    const slots = slot[i] as Int32Array;
    acc.fill(0, i + 1);
    for (let t = 0; t < a.indices.length; t++) {
      const va = a.values[t] as number;
      const end = start[(a.indices[t] as number) + 1] as number;
      for (let p = (slots[t] as number) + 1; p < end; p++) {
        const j = postRow[p] as number;
        acc[j] = (acc[j] as number) + (postValue[p] as number) * va;
      }
    }
    sims[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const s = acc[j] as number;
      sims[i * n + j] = s;
      sims[j * n + i] = s;
    }
  }
  return sims;
}

/** The plain loop: scatter row i, dot every later row j over j's entries. */
export function plainSimilarities(
  rows: readonly SparseRow[],
  dimension: number,
  sims = new Float32Array(rows.length * rows.length),
): Float32Array {
  const n = rows.length;
  const dense = new Float32Array(dimension);
  for (let i = 0; i < n; i++) {
    const a = rows[i] as SparseRow;
    for (let t = 0; t < a.indices.length; t++) dense[a.indices[t] ?? 0] = a.values[t] ?? 0;
    sims[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const b = rows[j] as SparseRow;
      let s = 0;
      for (let t = 0; t < b.indices.length; t++) {
        s += (b.values[t] ?? 0) * (dense[b.indices[t] ?? 0] ?? 0);
      }
      sims[i * n + j] = s;
      sims[j * n + i] = s;
    }
    for (let t = 0; t < a.indices.length; t++) dense[a.indices[t] ?? 0] = 0;
  }
  return sims;
}

export interface AgglomerativeCluster {
  members: number[];
  /** Average pairwise similarity inside the cluster (1 for a singleton). */
  cohesion: number;
}

/** Clusters of the n items whose pairwise similarities are `sims` (n × n, row-major; modified). */
export function averageLinkage(
  sims: Float32Array,
  n: number,
  threshold: number,
): AgglomerativeCluster[] {
  const active = new Uint8Array(n).fill(1);
  const size = new Int32Array(n).fill(1);
  const cohesion = new Float64Array(n).fill(1);
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const done: AgglomerativeCluster[] = [];
  let remaining = n;
  const finish = (i: number) => {
    active[i] = 0;
    remaining--;
    done.push({ members: members[i] as number[], cohesion: cohesion[i] ?? 1 });
  };
  const chain: number[] = [];
  let next = 0;
  while (remaining > 0) {
    if (chain.length === 0) {
      while (next < n && !active[next]) next++;
      if (remaining === 1) {
        finish(next);
        break;
      }
      chain.push(next);
    }
    const a = chain[chain.length - 1] as number;
    const previous = chain.length >= 2 ? (chain[chain.length - 2] as number) : -1;
    let b = previous;
    let best = previous >= 0 ? (sims[a * n + previous] ?? 0) : Number.NEGATIVE_INFINITY;
    for (let c = 0; c < n; c++) {
      if (c === a || !active[c]) continue;
      const s = sims[a * n + c] ?? 0;
      if (s > best) {
        best = s;
        b = c;
      }
    }
    if (b < 0) {
      chain.pop();
      finish(a);
      continue;
    }
    if (b !== previous) {
      chain.push(b);
      continue;
    }
    chain.pop();
    chain.pop();
    if (best < threshold) {
      finish(a);
      finish(b);
      continue;
    }
    // Merge b into a (Lance–Williams update for average linkage).
    const na = size[a] ?? 1;
    const nb = size[b] ?? 1;
    const total = na + nb;
    const pairsA = (na * (na - 1)) / 2;
    const pairsB = (nb * (nb - 1)) / 2;
    cohesion[a] =
      ((cohesion[a] ?? 1) * pairsA + (cohesion[b] ?? 1) * pairsB + best * na * nb) /
      (pairsA + pairsB + na * nb);
    for (let c = 0; c < n; c++) {
      if (!active[c] || c === a || c === b) continue;
      const s = ((sims[a * n + c] ?? 0) * na + (sims[b * n + c] ?? 0) * nb) / total;
      sims[a * n + c] = s;
      sims[c * n + a] = s;
    }
    size[a] = total;
    (members[a] as number[]).push(...(members[b] as number[]));
    members[b] = [];
    active[b] = 0;
    remaining--;
  }
  return done;
}

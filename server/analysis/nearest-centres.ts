/**
 * Nearest centre of many sparse rows among a few hundred dense centres, in one pass: the centres
 * are turned column-major (for each feature, the centres with a non-zero weight there), so a row
 * touches only the centre weights under its own features instead of every centre in full. The
 * sums run in the row's order and skip only zero products, so each similarity equals
 * `dotDense(row, centre)` exactly, and ties go to the later centre as in a plain loop with `>=`.
 */
import type { SparseRow } from "@/server/training/model/sparse";

export interface NearestCentres {
  /** Position of the chosen centre per row, −1 when none reaches the threshold. */
  best: Int32Array;
  /** Cosine to the chosen centre (0 when none). */
  similarity: Float64Array;
}

export function nearestCentres(
  rows: readonly SparseRow[],
  centres: readonly Float32Array[],
  threshold: number,
): NearestCentres {
  const dimension = centres.reduce((d, c) => Math.max(d, c.length), 0);
  const colCount = new Int32Array(dimension + 1);
  for (const centre of centres) {
    for (let f = 0; f < centre.length; f++) {
      if (centre[f] !== 0) colCount[f + 1] = (colCount[f + 1] as number) + 1;
    }
  }
  const colPtr = colCount;
  for (let f = 0; f < dimension; f++)
    colPtr[f + 1] = (colPtr[f + 1] as number) + (colPtr[f] as number);
  const at = colPtr.slice(0, dimension);
  const owner = new Int32Array(colPtr[dimension] as number);
  const weight = new Float32Array(colPtr[dimension] as number);
  centres.forEach((centre, g) => {
    for (let f = 0; f < centre.length; f++) {
      const w = centre[f] as number;
      if (w === 0) continue;
      const p = (at[f] as number)++;
      owner[p] = g;
      weight[p] = w;
    }
  });
  const best = new Int32Array(rows.length).fill(-1);
  const similarity = new Float64Array(rows.length);
  const scores = new Float64Array(centres.length);
  rows.forEach((row, r) => {
    scores.fill(0);
    const { indices, values } = row;
    for (let t = 0; t < indices.length; t++) {
      const f = indices[t] as number;
      if (f >= dimension) continue;
      const v = values[t] as number;
      const end = colPtr[f + 1] as number;
      for (let p = colPtr[f] as number; p < end; p++) {
        const g = owner[p] as number;
        scores[g] = (scores[g] as number) + v * (weight[p] as number);
      }
    }
    let chosen = -1;
    let bestSim = threshold;
    for (let g = 0; g < scores.length; g++) {
      const s = scores[g] as number;
      if (s >= bestSim) {
        bestSim = s;
        chosen = g;
      }
    }
    best[r] = chosen;
    similarity[r] = chosen >= 0 ? bestSim : 0;
  });
  return { best, similarity };
}

/**
 * How central each text is in its group: cosine between its TF-IDF vector (the clustering
 * vectors, fitted on the group) and the group's normalised mean. Used for a gap's messages
 * (their similarity to the gap) and to pick the most central agent reply of a gap.
 */
import { clusterVectors, DEFAULT_CLUSTER_VECTORS } from "../vectors";

export function centralities(texts: readonly string[]): number[] {
  if (texts.length === 0) return [];
  if (texts.length === 1) return [1];
  const { rows, dimension } = clusterVectors(texts, { ...DEFAULT_CLUSTER_VECTORS, minDf: 1 });
  const centre = new Float64Array(dimension);
  for (const row of rows) {
    for (let i = 0; i < row.indices.length; i++) {
      const at = row.indices[i] as number;
      centre[at] = (centre[at] ?? 0) + (row.values[i] ?? 0);
    }
  }
  let norm = 0;
  for (const v of centre) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  return rows.map((row) => {
    let dot = 0;
    for (let i = 0; i < row.indices.length; i++) {
      dot += (row.values[i] ?? 0) * (centre[row.indices[i] as number] ?? 0);
    }
    return Math.round((dot / norm) * 1000) / 1000;
  });
}

/** The index of the most central text (ties: the first); -1 for none. */
export function mostCentral(texts: readonly string[]): number {
  const scores = centralities(texts);
  let best = -1;
  for (let i = 0; i < scores.length; i++) {
    if (best < 0 || (scores[i] ?? 0) > (scores[best] ?? 0)) best = i;
  }
  return best;
}

/**
 * Optional extra dense block (issue #12 §6): a provider's embedding of each text, appended after
 * the featuriser's columns. Training gets one vector per example (server/training/
 * embedding-features.ts embeds them); prediction gets the incoming message's vector, or none.
 *
 * Each vector is L2-normalised and scaled by `weight`, like the word and character blocks
 * (featurize.ts), so the three blocks start on the same footing and the classifier learns how
 * much each is worth. The weight is a documented constant (EXTRA_DENSE_WEIGHT = 1: the word and
 * character blocks' weight), not tuned per workspace. A missing vector leaves the block at zero:
 * the model then scores on the sparse features alone, as if the text had no embedding.
 * Without a block nothing here runs and training, artefact and prediction are unchanged.
 */
import type { Featurizer } from "./featurize";
import { fromRows, normalizeBlock, type SparseMatrix, type SparseRow } from "./sparse";

/** What the artefact records about the block (serialize.ts header `extraDense`). */
export interface ExtraDenseSpec {
  /** The embedding model the vectors came from ("provider/model"): serving must use the same. */
  model: string;
  dims: number;
  weight: number;
}

export const EXTRA_DENSE_WEIGHT = 1;

/** Training input: one vector (or null: failed/empty) per example, in example order. */
export interface ExtraDenseInput {
  model: string;
  vectors: readonly (ArrayLike<number> | null)[];
  weight?: number;
}

/** The vector as the block's values, or null when it is missing, the wrong size or all zero. */
export function denseBlock(
  vector: ArrayLike<number> | null | undefined,
  spec: Pick<ExtraDenseSpec, "dims" | "weight">,
): Float32Array | null {
  if (!vector || vector.length !== spec.dims) return null;
  const values = Float32Array.from(vector);
  let sum = 0;
  for (const v of values) sum += v * v;
  if (!(sum > 0) || !Number.isFinite(sum)) return null;
  normalizeBlock(values, spec.weight);
  return values;
}

/** `row` followed by the block at columns offset … offset + dims − 1 (unchanged when null). */
export function appendDense(row: SparseRow, offset: number, block: Float32Array | null): SparseRow {
  if (!block) return row;
  const indices = new Int32Array(row.indices.length + block.length);
  const values = new Float32Array(row.values.length + block.length);
  indices.set(row.indices);
  values.set(row.values);
  for (let d = 0; d < block.length; d++) {
    indices[row.indices.length + d] = offset + d;
    values[row.values.length + d] = block[d] ?? 0;
  }
  return { indices, values };
}

/** The spec for training vectors: dims from the first usable vector; null when there is none. */
export function extraDenseSpec(input: ExtraDenseInput): ExtraDenseSpec | null {
  const first = input.vectors.find((v) => v && v.length > 0);
  if (!first) return null;
  return { model: input.model, dims: first.length, weight: input.weight ?? EXTRA_DENSE_WEIGHT };
}

/** The feature matrix of `rows` (positions in the example list) with the block appended. */
export function transformWithDense(
  featurizer: Featurizer,
  texts: readonly string[],
  rows: readonly number[],
  spec: ExtraDenseSpec,
  vectors: readonly (ArrayLike<number> | null)[],
): SparseMatrix {
  const offset = featurizer.dimension;
  return fromRows(
    rows.map((r) =>
      appendDense(featurizer.transform(texts[r] ?? ""), offset, denseBlock(vectors[r], spec)),
    ),
    offset + spec.dims,
  );
}

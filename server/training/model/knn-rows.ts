/**
 * The neighbour rows of a format-2 artefact (serialize.ts), re-featurised on load: the stored
 * training texts through the model's token featuriser (featurize-tokens.ts — the numbers of
 * `featurizer.transform`, several times faster; the one its scoring path uses, so the load indexes
 * the vocabulary once), written straight into one compressed-rows matrix (no array pair per row),
 * in pieces (steps.ts) so a web process can serve requests in between.
 *
 * Only the sparse n-gram columns are produced (`sparseOnly`): the index (knn.ts) reads nothing
 * else, so a model with pooled word vectors skips pooling 10,000 texts; the sparse values do not
 * depend on them.
 */
import type { FeaturizerState } from "./featurize";
import type { TokenFeaturizer } from "./featurize-tokens";
import { normalizeText, tokenize } from "./normalize";
import type { SparseMatrix } from "./sparse";
import type { Steps } from "./steps";

/** Texts per piece (≈ 0.5–1 ms for BANKING77’s short texts; the first ones, cold caches, more). */
const TEXTS_PER_STEP = 32;
const SAMPLE_ROWS = 256;

export function* knnRowsSteps(
  state: Pick<FeaturizerState, "config" | "sparseCount">,
  fast: TokenFeaturizer,
  texts: readonly string[],
): Steps<SparseMatrix> {
  const { config } = state;
  const rowPtr = new Int32Array(texts.length + 1);
  // Sized for the first rows, then for all of them by their mean (+15%), doubled if still short:
  // one large allocation and no large copy (a 10 MB copy is a visible pause, GC included).
  let indices = new Int32Array(SAMPLE_ROWS * 256);
  let values = new Float32Array(indices.length);
  let at = 0;
  for (let r = 0; r < texts.length; r++) {
    const n = fast.fill(tokenize(normalizeText(texts[r] as string, config.normalize)), {
      sparseOnly: true,
    });
    const projected = r === SAMPLE_ROWS ? Math.ceil((at / r) * texts.length * 1.15) : 0;
    if (at + n > indices.length || projected > indices.length) {
      const size =
        projected > indices.length
          ? Math.max(projected, at + n)
          : Math.max(indices.length * 2, at + n);
      const grownIndices = new Int32Array(size);
      const grownValues = new Float32Array(size);
      grownIndices.set(indices.subarray(0, at));
      grownValues.set(values.subarray(0, at));
      indices = grownIndices;
      values = grownValues;
    }
    indices.set(fast.out.indices.subarray(0, n), at);
    values.set(fast.out.values.subarray(0, n), at);
    at += n;
    rowPtr[r + 1] = at;
    if (r % TEXTS_PER_STEP === TEXTS_PER_STEP - 1) yield;
  }
  return {
    rows: texts.length,
    cols: state.sparseCount,
    rowPtr,
    indices: indices.subarray(0, at),
    values: values.subarray(0, at),
  };
}

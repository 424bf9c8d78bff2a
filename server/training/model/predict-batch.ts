/**
 * Prediction for many texts at once (conversation analysis: 100,000 messages): the same
 * predictions as `predict` for each text — same features, logits, temperature and threshold, so
 * the same numbers to the last bit — with the per-text work cut down (featurize-tokens.ts: each
 * distinct word's char n-grams are looked up once per batch, counts in a scratch array) and the
 * candidate list picked without sorting every label. Optionally returns each text's tokens under
 * the default normalisation, which is what server/analysis featurises for clustering.
 */
import { type EmbeddingTable, loadWordVectors } from "./embeddings";
import { tokenFeaturizer } from "./featurize-tokens";
import { applyKnn } from "./knn";
import { MIN_KNOWN_WORD_SHARE } from "./known-words";
import type { Candidate, IntentModel, Prediction } from "./model";
import { DEFAULT_NORMALIZE, type NormalizeOptions, normalizeText, tokenize } from "./normalize";
import { logits, softmaxInPlace } from "./softmax";

export interface BatchOptions {
  /** Candidates per prediction, as `predict`'s limit (default 3). */
  limit?: number;
  /** Also return every text's tokens under DEFAULT_NORMALIZE. */
  tokens?: boolean;
  /** Word-vector table for models that use one (default: the committed table). */
  embeddings?: EmbeddingTable;
}

export interface BatchPredictions {
  predictions: Prediction[];
  /** With `tokens: true`: tokenize(normalizeText(text)) with the default options, per text. */
  tokens?: string[][];
}

function sameNormalize(a: NormalizeOptions, b: NormalizeOptions): boolean {
  return a.expandContractions === b.expandContractions && a.placeholders === b.placeholders;
}

/** The `limit` best non-out-of-scope labels, best first, ties in label order (as a stable sort). */
function topCandidates(model: IntentModel, p: Float64Array, limit: number): Candidate[] {
  const top: Candidate[] = [];
  for (let k = 0; k < p.length; k++) {
    const label = model.labels[k] as string;
    if (label === model.outOfScopeLabel) continue;
    const probability = p[k] ?? 0;
    if (top.length >= limit && probability <= (top[top.length - 1]?.probability ?? 0)) continue;
    let at = top.length;
    while (at > 0 && (top[at - 1]?.probability ?? 0) < probability) at--;
    top.splice(at, 0, { label, probability });
    if (top.length > limit) top.pop();
  }
  return top;
}

/** Rows per block of the column-wise pass: its logits (rows × classes doubles) stay in cache. */
const BLOCK = 256;

/**
 * Logits of a block of rows, W·x + b, by column: every entry of the block is visited in
 * (column, row) order, so each weight row is read once per block instead of once per text. A
 * row's sum still runs over its own entries in index order (rows are sorted in vocabulary mode),
 * which is the order softmax.ts's logits() adds them in: the same doubles.
 */
function blockLogits(
  model: IntentModel,
  block: { rowPtr: Int32Array; indices: Int32Array; values: Float32Array; rows: number },
  byColumn: { start: Int32Array; order: Int32Array; rowOf: Int32Array },
  z: Float64Array,
): void {
  const { classes, weights, bias } = model.classifier;
  const { rowPtr, indices, values, rows } = block;
  const entries = rowPtr[rows] as number;
  const { start, order, rowOf } = byColumn;
  start.fill(0);
  for (let r = 0; r < rows; r++) {
    for (let e = rowPtr[r] as number; e < (rowPtr[r + 1] as number); e++) {
      rowOf[e] = r;
      const c = (indices[e] as number) + 1;
      start[c] = (start[c] as number) + 1;
    }
  }
  for (let c = 1; c < start.length; c++) start[c] = (start[c] as number) + (start[c - 1] as number);
  for (let e = 0; e < entries; e++) {
    const c = indices[e] as number;
    const at = start[c] as number;
    order[at] = e;
    start[c] = at + 1;
  }
  z.fill(0, 0, rows * classes);
  for (let p = 0; p < entries; p++) {
    const e = order[p] as number;
    const base = (indices[e] as number) * classes;
    const v = values[e] as number;
    const zr = (rowOf[e] as number) * classes;
    for (let k = 0; k < classes; k++) {
      z[zr + k] = (z[zr + k] as number) + v * (weights[base + k] as number);
    }
  }
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < classes; k++) {
      z[r * classes + k] = (z[r * classes + k] as number) + (bias[k] as number);
    }
  }
}

export function predictBatch(
  model: IntentModel,
  texts: readonly string[],
  options: BatchOptions = {},
): BatchPredictions {
  const limit = options.limit ?? 3;
  const { config } = model.featurizer.state;
  const { classes, features } = model.classifier;
  const embeddings =
    config.embeddingWeight > 0 ? (options.embeddings ?? loadWordVectors()) : undefined;
  const featurizer = tokenFeaturizer(model.featurizer, embeddings);
  // Hashing mode: a row is two sorted blocks that may share columns — score it row by row.
  const columnWise = config.mode === "vocabulary";
  const reuse = sameNormalize(config.normalize, DEFAULT_NORMALIZE);
  const predictions: Prediction[] = new Array(texts.length);
  const tokenLists: string[][] | undefined = options.tokens ? new Array(texts.length) : undefined;
  const block = {
    rowPtr: new Int32Array(BLOCK + 1),
    indices: new Int32Array(BLOCK * 64),
    values: new Float32Array(BLOCK * 64),
    rows: 0,
  };
  const z = new Float64Array(BLOCK * classes);
  const knownWordShares = new Float64Array(BLOCK);
  let byColumn = {
    start: new Int32Array(features + 1),
    order: new Int32Array(block.indices.length),
    rowOf: new Int32Array(block.indices.length),
  };
  const row = new Float64Array(classes);
  for (let first = 0; first < texts.length; first += BLOCK) {
    const rows = Math.min(BLOCK, texts.length - first);
    block.rows = rows;
    for (let r = 0; r < rows; r++) {
      const text = texts[first + r] as string;
      const tokens = tokenize(normalizeText(text, config.normalize));
      if (tokenLists) tokenLists[first + r] = reuse ? tokens : tokenize(normalizeText(text));
      knownWordShares[r] = featurizer.knownWordShare(tokens);
      const n = featurizer.fill(tokens);
      const at = block.rowPtr[r] as number;
      if (at + n > block.indices.length) {
        const size = Math.max(block.indices.length * 2, at + n);
        const indices = new Int32Array(size);
        const values = new Float32Array(size);
        indices.set(block.indices);
        values.set(block.values);
        block.indices = indices;
        block.values = values;
        byColumn = {
          start: byColumn.start,
          order: new Int32Array(size),
          rowOf: new Int32Array(size),
        };
      }
      block.indices.set(featurizer.out.indices.subarray(0, n), at);
      block.values.set(featurizer.out.values.subarray(0, n), at);
      block.rowPtr[r + 1] = at + n;
    }
    if (columnWise) blockLogits(model, block, byColumn, z);
    for (let r = 0; r < rows; r++) {
      const start = block.rowPtr[r] as number;
      const end = block.rowPtr[r + 1] as number;
      if (columnWise) row.set(z.subarray(r * classes, (r + 1) * classes));
      else {
        logits(
          model.classifier,
          {
            indices: block.indices.subarray(start, end),
            values: block.values.subarray(start, end),
          },
          row,
        );
      }
      applyKnn(
        model.knn,
        { indices: block.indices.subarray(start, end), values: block.values.subarray(start, end) },
        row,
      );
      softmaxInPlace(row, model.temperature);
      let top = 0;
      for (let k = 1; k < classes; k++) if ((row[k] as number) > (row[top] as number)) top = k;
      const topProbability = row[top] as number;
      const predictedOutOfScope = model.labels[top] === model.outOfScopeLabel;
      predictions[first + r] = {
        candidates: topCandidates(model, row, limit),
        // As `predict`: no known feature means the label prior, never a confident suggestion;
        // nor does a text made mostly of words the model never saw (known-words.ts).
        confident:
          end > start &&
          (knownWordShares[r] as number) >= MIN_KNOWN_WORD_SHARE &&
          !predictedOutOfScope &&
          topProbability >= model.threshold,
        topProbability,
        predictedOutOfScope,
        knownWordShare: knownWordShares[r] as number,
      };
    }
  }
  return tokenLists ? { predictions, tokens: tokenLists } : { predictions };
}

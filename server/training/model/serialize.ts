/**
 * The trained artefact as bytes (what the database stores per model version):
 *
 *   "PRLYMDL1" | u32 header length | header JSON (UTF-8) | zero padding to 4 bytes |
 *   f32 idf[sparseCount] | f32 bias[classes] | weights
 *
 * Header: format version, labels, training config, temperature, threshold, out-of-scope label,
 * metrics, the featuriser's vocabulary, and the weight encoding. Weights are either f32
 * (features × classes) or "int8-row": one f32 scale per feature, then i8 values, each row scaled
 * by max |w| / 127 — a quarter of the size; bench/model.ts measures what it costs in accuracy.
 * All numbers little-endian. Loading rebuilds Float32 weights (prediction speed is unchanged).
 *
 * Format 2 = format 1 + `knn` in the header: the neighbour vote's settings and its rows as
 * training texts and label indices (≈ 0.6 MB for BANKING77's 10,003 rows, against ≈ 13 MB for
 * the rows' TF-IDF vectors); loading re-featurises them with the stored featuriser, which gives
 * the same vectors. Models without a neighbour part are still written as format 1, byte for byte
 * as before, and format 1 artefacts load as they always did.
 */
import { type EmbeddingTable, loadWordVectors } from "./embeddings";
import type { ExtraDenseSpec } from "./extra-dense";
import { type FeaturizerConfig, makeFeaturizer } from "./featurize";
import { type KnnOptions, makeKnnPartSteps } from "./knn";
import { knnRowsSteps } from "./knn-rows";
import type { IntentModel, ModelMetrics } from "./model";
import { prepareScoringFeaturesSteps } from "./scoring-features";
import { runSteps, runStepsSliced, type Steps } from "./steps";

export const MODEL_MAGIC = "PRLYMDL1";
export type WeightEncoding = "f32" | "int8-row";

interface Header {
  format: 1 | 2;
  labels: string[];
  config: unknown;
  temperature: number;
  threshold: number;
  outOfScopeLabel: string | null;
  metrics: ModelMetrics;
  featurizer: { config: FeaturizerConfig; terms: string[]; wordCount: number; sparseCount: number };
  features: number;
  classes: number;
  weightEncoding: WeightEncoding;
  /**
   * Provider-embedding columns (extra-dense.ts): the last `dims` of `features`, their weights
   * stored with the others. Absent in models without the block (their bytes are unchanged).
   */
  extraDense?: ExtraDenseSpec;
  /** Format 2 only: the neighbour part (knn.ts) — settings, row texts, row label indices. */
  knn?: { options: KnnOptions; texts: string[]; labels: number[] };
}

const pad4 = (n: number) => Math.ceil(n / 4) * 4;

export function serializeModel(
  model: IntentModel,
  encoding: WeightEncoding = "int8-row",
): Uint8Array {
  const { state } = model.featurizer;
  const { features, classes, weights, bias } = model.classifier;
  const header: Header = {
    format: model.knn ? 2 : 1,
    labels: model.labels,
    config: model.config,
    temperature: model.temperature,
    threshold: model.threshold,
    outOfScopeLabel: model.outOfScopeLabel,
    metrics: model.metrics,
    featurizer: {
      config: state.config,
      terms: state.terms,
      wordCount: state.wordCount,
      sparseCount: state.sparseCount,
    },
    features,
    classes,
    weightEncoding: encoding,
    ...(model.extraDense ? { extraDense: model.extraDense } : {}),
    ...(model.knn
      ? {
          knn: {
            options: model.knn.options,
            texts: model.knn.texts,
            labels: Array.from(model.knn.labels),
          },
        }
      : {}),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = pad4(12 + json.length);
  const weightBytes = encoding === "f32" ? weights.length * 4 : features * 4 + weights.length;
  const out = new Uint8Array(start + state.idf.length * 4 + classes * 4 + weightBytes);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MODEL_MAGIC), 0);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  let at = start;
  const f32 = (v: number) => {
    view.setFloat32(at, v, true);
    at += 4;
  };
  for (const v of state.idf) f32(v);
  for (const v of bias) f32(v);
  if (encoding === "f32") {
    for (const v of weights) f32(v);
    return out;
  }
  const scales = new Float32Array(features);
  for (let f = 0; f < features; f++) {
    let max = 0;
    for (let k = 0; k < classes; k++) max = Math.max(max, Math.abs(weights[f * classes + k] ?? 0));
    scales[f] = max / 127 || 1;
    f32(scales[f] ?? 1);
  }
  for (let f = 0; f < features; f++) {
    const scale = scales[f] ?? 1;
    for (let k = 0; k < classes; k++) {
      view.setInt8(at++, Math.round((weights[f * classes + k] ?? 0) / scale));
    }
  }
  return out;
}

/**
 * Rebuild a model from its bytes. A model trained with word vectors needs the same table: the
 * caller's, else the committed one (loadWordVectors, once per process). Synchronous: a format-2
 * BANKING77 model takes ≈ 0.2–0.3 s (its neighbour rows are re-featurised), so a web process
 * uses `deserializeModelAsync`, which runs the same steps and gives the same model.
 */
export function deserializeModel(bytes: Uint8Array, embeddings?: EmbeddingTable): IntentModel {
  return runSteps(deserializeSteps(bytes, embeddings));
}

/**
 * `deserializeModel` in slices of ≈ `budgetMs` of work, the event loop served between them (the
 * longest stall is one slice plus the largest single step, measured in bench/model-load.ts).
 */
export function deserializeModelAsync(
  bytes: Uint8Array,
  embeddings?: EmbeddingTable,
  budgetMs?: number,
): Promise<IntentModel> {
  return runStepsSliced(deserializeSteps(bytes, embeddings), budgetMs);
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Features per piece of the int8 → f32 weight decoding (≈ 1 ms for 77 classes). */
const FEATURES_PER_STEP = 2048;

/** The load as pieces (steps.ts); exported for bench/model-load.ts, which times each piece. */
export function* deserializeSteps(
  bytes: Uint8Array,
  embeddings?: EmbeddingTable,
): Steps<IntentModel> {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MODEL_MAGIC) {
    throw new Error("not a Parley model (bad magic)");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)),
  ) as Header;
  if (header.format !== 1 && header.format !== 2)
    throw new Error(`unknown model format ${String(header.format)}`);
  yield;
  const { features, classes } = header;
  const { sparseCount } = header.featurizer;
  let at = pad4(12 + headerLength);
  const readF32 = (count: number) => {
    const offset = bytes.byteOffset + at;
    at += count * 4;
    // Aligned on a little-endian machine: one copy of the bytes (the same values as DataView's).
    if (littleEndian && offset % 4 === 0)
      return new Float32Array(bytes.buffer, offset, count).slice();
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++)
      out[i] = view.getFloat32(offset - bytes.byteOffset + i * 4, true);
    return out;
  };
  const idf = readF32(sparseCount);
  const bias = readF32(classes);
  let weights: Float32Array;
  if (header.weightEncoding === "f32") {
    weights = readF32(features * classes);
  } else {
    const scales = readF32(features);
    const values = new Int8Array(bytes.buffer, bytes.byteOffset + at, features * classes);
    weights = new Float32Array(features * classes);
    for (let f = 0; f < features; f++) {
      const scale = scales[f] as number;
      for (let k = f * classes, end = k + classes; k < end; k++)
        weights[k] = (values[k] as number) * scale;
      if (f % FEATURES_PER_STEP === FEATURES_PER_STEP - 1) yield;
    }
  }
  yield;
  const vectors =
    embeddings ?? (header.featurizer.config.embeddingWeight > 0 ? loadWordVectors() : undefined);
  const featurizer = makeFeaturizer(
    {
      config: header.featurizer.config,
      terms: header.featurizer.terms,
      wordCount: header.featurizer.wordCount,
      idf,
      sparseCount,
    },
    vectors,
  );
  const extraDims = header.extraDense?.dims ?? 0;
  if (featurizer.dimension + extraDims !== features) {
    throw new Error(
      `model expects ${features} features, featuriser gives ${featurizer.dimension} + ${extraDims}`,
    );
  }
  yield;
  const tokenFeaturizer = yield* prepareScoringFeaturesSteps(featurizer);
  const stored = header.format === 2 ? header.knn : undefined;
  const knn = stored
    ? yield* makeKnnPartSteps(
        stored.options,
        stored.texts,
        Int32Array.from(stored.labels),
        yield* knnRowsSteps(featurizer.state, tokenFeaturizer, stored.texts),
        classes,
        sparseCount,
      )
    : undefined;
  return {
    labels: header.labels,
    featurizer,
    classifier: { features, classes, weights, bias },
    temperature: header.temperature,
    threshold: header.threshold,
    outOfScopeLabel: header.outOfScopeLabel,
    metrics: header.metrics,
    config: header.config,
    ...(header.extraDense ? { extraDense: header.extraDense } : {}),
    ...(knn ? { knn } : {}),
  };
}

/**
 * A trained intent model in memory, and prediction with it. Built by train.ts, turned into bytes
 * and back by serialize.ts. Prediction: normalise → features → logits → softmax(z / T); the
 * answer is "confident" when the top probability reaches the held-out threshold and the top label
 * is not the out-of-scope label.
 */
import type { ClassificationReport } from "../evaluation/metrics";
import type { ThresholdChoice } from "../evaluation/threshold";
import { appendDense, denseBlock, type ExtraDenseSpec } from "./extra-dense";
import type { Featurizer } from "./featurize";
import { applyKnn, type KnnPart, knnMemoryBytes } from "./knn";
import { MIN_KNOWN_WORD_SHARE } from "./known-words";
import { scoringFeatures, scoringFeaturesBytes } from "./scoring-features";
import { logits, type SoftmaxModel, softmaxInPlace } from "./softmax";

export interface HeldOutSummary {
  rows: number;
  report: ClassificationReport;
  thresholdChoice: ThresholdChoice;
  /** Expected calibration error of the held-out confidences after temperature scaling. */
  calibrationError: number;
  /** Out-of-scope figures on held-out rows when the training data has that label. */
  outOfScope?: { rows: number; recall: number; precision: number; inScopeTop1: number };
}

export interface ModelMetrics {
  trainRows: number;
  heldOut: HeldOutSummary | null;
  trainSeconds: number;
  /** Whether the stored weights were re-trained on every row after the held-out evaluation. */
  refit: boolean;
}

export interface IntentModel {
  labels: string[];
  featurizer: Featurizer;
  classifier: SoftmaxModel;
  temperature: number;
  threshold: number;
  outOfScopeLabel: string | null;
  metrics: ModelMetrics;
  /** Training configuration, stored so a version says how it was made. */
  config: unknown;
  /** Provider-embedding columns after the featuriser's (extra-dense.ts); absent: none. */
  extraDense?: ExtraDenseSpec;
  /** Neighbour vote mixed into the probabilities (knn.ts); absent: the classifier alone. */
  knn?: KnnPart;
}

export interface Candidate {
  label: string;
  probability: number;
}

export interface Prediction {
  /** Best first; the out-of-scope label is never a candidate. */
  candidates: Candidate[];
  /** False means "no confident suggestion": show candidates only as low-confidence, if at all. */
  confident: boolean;
  /** Top probability over all labels (the out-of-scope label included). */
  topProbability: number;
  predictedOutOfScope: boolean;
  /**
   * Share of the text's word idf mass the model knows (known-words.ts). Below
   * MIN_KNOWN_WORD_SHARE the prediction is never confident: the probabilities still rank the
   * candidates, but they rest on words the model never saw.
   */
  knownWordShare: number;
  /** Set when the model has an extra dense block but no usable vector came: scored without it. */
  extraDenseMissing?: true;
}

/** The incoming text's provider embedding, for a model with an extra dense block. */
export type ExtraVector = ArrayLike<number> | null | undefined;

/** What scoring a text gives before ranking: calibrated probabilities in label order. */
export interface TextScores {
  p: Float64Array;
  /** Some feature of the text is known to the model. */
  known: boolean;
  /** Share of the text's word idf mass in the vocabulary (known-words.ts); 1 in hashing mode. */
  knownWordShare: number;
  /** The model has an extra dense block but no usable vector came. */
  missing: boolean;
}

/** Normalise → features → logits → softmax(z / T): the CPU part of a prediction. */
export function scoreText(model: IntentModel, text: string, extra?: ExtraVector): TextScores {
  const { row: sparse, knownWordShare } = scoringFeatures(model.featurizer, text);
  const block = model.extraDense ? denseBlock(extra, model.extraDense) : null;
  const row = block ? appendDense(sparse, model.featurizer.dimension, block) : sparse;
  const z = new Float64Array(model.labels.length);
  logits(model.classifier, row, z);
  applyKnn(model.knn, sparse, z);
  softmaxInPlace(z, model.temperature);
  return {
    p: z,
    known: row.indices.length > 0,
    knownWordShare,
    missing: Boolean(model.extraDense) && !block,
  };
}

/** Calibrated probabilities over all labels, in label order. */
export function probabilities(model: IntentModel, text: string, extra?: ExtraVector): Float64Array {
  return scoreText(model, text, extra).p;
}

export function predict(
  model: IntentModel,
  text: string,
  limit = 3,
  extra?: ExtraVector,
): Prediction {
  return predictionFromScores(model, scoreText(model, text, extra), limit);
}

/**
 * The prediction a text's scores make (scoreText may run elsewhere: the suggestion server
 * scores in a worker thread, server/suggestions/scoring-thread.ts).
 */
export function predictionFromScores(
  model: Pick<IntentModel, "labels" | "outOfScopeLabel" | "threshold">,
  { p, known, knownWordShare, missing }: TextScores,
  limit: number,
): Prediction {
  // A text with no known feature scores on the biases alone: that is the label prior, not
  // evidence, so it is never a confident suggestion whatever the numbers say.
  let top = 0;
  for (let k = 1; k < p.length; k++) if ((p[k] ?? 0) > (p[top] ?? 0)) top = k;
  const topProbability = p[top] ?? 0;
  const predictedOutOfScope = model.labels[top] === model.outOfScopeLabel;
  const candidates = model.labels
    .map((label, k) => ({ label, probability: p[k] ?? 0 }))
    .filter((c) => c.label !== model.outOfScopeLabel)
    .sort((a, b) => b.probability - a.probability)
    .slice(0, limit);
  return {
    candidates,
    confident:
      known &&
      knownWordShare >= MIN_KNOWN_WORD_SHARE &&
      !predictedOutOfScope &&
      topProbability >= model.threshold,
    topProbability,
    predictedOutOfScope,
    knownWordShare,
    ...(missing ? { extraDenseMissing: true as const } : {}),
  };
}

/**
 * Bytes the model holds in memory: typed arrays exactly, plus an estimate for the vocabulary map
 * (V8 strings ≈ 2 bytes/char + ~40 bytes header, map entry ≈ 40 bytes). The shared word-vector
 * table is not counted (one per process; its `bytes` says how much). The neighbour part counts
 * its index and texts.
 */
export function modelMemoryBytes(model: IntentModel): number {
  const { state } = model.featurizer;
  let strings = 0;
  for (const term of state.terms) strings += 40 + 2 * term.length + 40;
  return (
    model.classifier.weights.byteLength +
    model.classifier.bias.byteLength +
    state.idf.byteLength +
    strings +
    knnMemoryBytes(model.knn) +
    scoringFeaturesBytes(state)
  );
}

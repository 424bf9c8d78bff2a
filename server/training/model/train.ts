/**
 * Training, start to finish, in the calling thread (train-in-worker.ts runs it off the event
 * loop): stratified split → featurise → fit → held-out evaluation (temperature, threshold,
 * metrics) → optionally re-fit on every row with the same settings, temperature and threshold.
 *
 * Re-fitting matters most with few examples (10-shot BANKING77: +2.3 points, measured on the
 * train.csv rows outside the sample), and costs a second full fit. A warm-started re-fit with the
 * vocabulary learnt from all texts was tried: half the time, but 1 point lower on 10-shot.
 * The held-out figures describe the first fit, which saw less data, so they slightly understate
 * the stored model — the safe direction.
 */
import { fitTemperature } from "../evaluation/calibration";
import { stratifiedSplit } from "../evaluation/split";
import { canonicalOrder } from "./canonical-order";
import { combineParts, fitParts, partTemperatures, priorTemperature } from "./classifier";
import { type EmbeddingTable, loadWordVectors } from "./embeddings";
import { type ExtraDenseInput, extraDenseSpec, transformWithDense } from "./extra-dense";
import {
  DEFAULT_FEATURIZER,
  type Featurizer,
  type FeaturizerConfig,
  fitFeaturizer,
  transformAll,
} from "./featurize";
import { summariseHeldOut } from "./held-out-summary";
import { applyKnn, type KnnOptions, type KnnPart, makeKnnPart } from "./knn";
import type { HeldOutSummary, IntentModel } from "./model";
import { logitsAll } from "./softmax";
import { getRow } from "./sparse";

export interface TrainingExample {
  text: string;
  label: string;
}

export interface TrainingConfig {
  featurizer: FeaturizerConfig;
  /**
   * "sgd"/"lbfgs": multinomial logistic regression; "svm": one-vs-rest linear SVM (svm.ts), its
   * decision values taken as logits; "ensemble": both, summed as one linear model
   * W_softmax/T_softmax + W_svm/T_svm with each temperature fitted on the held-out rows (averaging
   * the two models' log-probabilities, up to a per-row constant). Absent in older configs: "sgd".
   */
  optimizer: "sgd" | "lbfgs" | "svm" | "ensemble";
  /** SVM cost C, tolerance and iteration cap (LIBLINEAR -c, -e; its cap is 1000). */
  svmC?: number;
  svmEps?: number;
  svmMaxIterations?: number;
  epochs: number;
  lambda: number;
  eta0: number;
  lbfgsIterations: number;
  heldOutFraction: number;
  seed: number;
  refit: boolean;
  targetPrecision: number;
  /** Label of examples no template answers (e.g. "oos"), if the data has any. */
  outOfScopeLabel: string | null;
  /**
   * Use the pooled word-vector block only when the median label has fewer examples than this
   * (0: never; Infinity: always, if featurizer.embeddingWeight > 0). Measured on held-out training
   * rows: +1.1 points top-1 at 10 per label, none at ~100 per label (BANKING77 full), where it
   * doubles the training time — n-grams already cover the vocabulary when examples are many.
   */
  wordVectorsBelowPerLabel: number;
  /**
   * With optimizer "ensemble" or "svm": fit the softmax alone when the median label has fewer
   * examples than this. Measured on held-out training rows (README): the SVM part adds ≈ +0.3
   * points top-1 at ~100 per label (BANKING77 full) but costs 0.6 (ensemble) to 1.7 (SVM alone)
   * points at 10 per label. Absent in older configs: never.
   */
  softmaxBelowPerLabel?: number;
  /**
   * Neighbour vote mixed into the probabilities (knn.ts) when the median label has at least
   * `minPerLabel` examples. Measured on held-out training rows (README, "kNN interpolation"):
   * +0.15 to +0.75 points top-1 on three BANKING77 splits, level on Bitext, −0.8 at 10 per label.
   * Absent in older configs: off.
   */
  knn?: KnnOptions & { minPerLabel: number };
}

export const DEFAULT_TRAINING: TrainingConfig = {
  featurizer: DEFAULT_FEATURIZER,
  optimizer: "sgd",
  epochs: 12,
  lambda: 1e-5,
  eta0: 1,
  lbfgsIterations: 200,
  heldOutFraction: 0.2,
  seed: 1,
  refit: true,
  targetPrecision: 0.95,
  outOfScopeLabel: null,
  wordVectorsBelowPerLabel: 40,
  softmaxBelowPerLabel: 40,
  knn: { k: 10, tau: 0.05, beta: 0.2, maxDfFraction: 0.3, skipDecided: true, minPerLabel: 40 },
};

export type TrainingStage = "featurize" | "train" | "evaluate" | "refit";

export interface TrainingProgress {
  stage: TrainingStage;
  /** Overall fraction done, 0–1, never decreasing. */
  fraction: number;
  /** Seconds left, estimated from the time taken so far; null until something is done. */
  etaSeconds: number | null;
  message: string;
}

export class TrainingCancelled extends Error {
  constructor() {
    super("training cancelled");
  }
}

/** Stage weights in the overall fraction, measured roughly on BANKING77 (fit dominates). */
const WEIGHTS = { featurize: 0.08, train: 0.42, evaluate: 0.05, refit: 0.45 };

export function trainModel(
  input: readonly TrainingExample[],
  requested: TrainingConfig = DEFAULT_TRAINING,
  options: {
    embeddings?: EmbeddingTable;
    onProgress?: (p: TrainingProgress) => boolean | undefined;
    /** Provider embeddings of the examples, one per example (extra-dense.ts); absent: none. */
    extraDense?: ExtraDenseInput;
  } = {},
): IntentModel {
  const started = performance.now();
  let config = requested;
  if (input.length === 0) throw new Error("no training examples");
  if (options.extraDense && options.extraDense.vectors.length !== input.length) {
    throw new Error("extra dense vectors: one per example expected");
  }
  const { labels, order } = canonicalOrder(input);
  if (labels.length < 2) throw new Error("training needs at least two labels");
  const examples = order.map((i) => input[i] as TrainingExample);
  const index = new Map(labels.map((label, i) => [label, i]));
  const y = Int32Array.from(examples.map((e) => index.get(e.label) ?? 0));
  const texts = examples.map((e) => e.text);
  const split =
    config.heldOutFraction > 0
      ? stratifiedSplit(
          // Label positions, zero-padded, so the split visits labels in the canonical order.
          Array.from(y, (k) => String(k).padStart(8, "0")),
          { fraction: config.heldOutFraction, seed: config.seed },
        )
      : { train: texts.map((_, i) => i), heldOut: [] };
  const hasHeldOut = split.heldOut.length > 0;
  const weights = hasHeldOut && config.refit ? WEIGHTS : { ...WEIGHTS, train: 0.87, refit: 0 };

  let done = 0;
  const report = (stage: TrainingStage, stageFraction: number, message: string) => {
    const fraction = Math.min(1, done + weights[stage] * stageFraction);
    const elapsed = (performance.now() - started) / 1000;
    const etaSeconds = fraction > 0.01 ? (elapsed * (1 - fraction)) / fraction : null;
    if (options.onProgress?.({ stage, fraction, etaSeconds, message }) === false) {
      throw new TrainingCancelled();
    }
  };
  const finish = (stage: TrainingStage) => {
    done += weights[stage];
  };

  // Word vectors: the caller's table, else the committed one (loaded once per process).
  const perLabel = labels.map((_, k) => y.filter((v) => v === k).length).sort((a, b) => a - b);
  const median = perLabel[Math.floor(perLabel.length / 2)] ?? 0;
  if (median < (config.softmaxBelowPerLabel ?? 0) && config.optimizer !== "lbfgs") {
    config = { ...config, optimizer: "sgd" };
  }
  const featurizerConfig =
    median < config.wordVectorsBelowPerLabel
      ? config.featurizer
      : { ...config.featurizer, embeddingWeight: 0 };
  const embeddings =
    featurizerConfig.embeddingWeight > 0 ? (options.embeddings ?? loadWordVectors()) : undefined;
  const dense = options.extraDense ? extraDenseSpec(options.extraDense) : null;
  const inputVectors = options.extraDense?.vectors ?? [];
  const denseVectors = dense ? order.map((i) => inputVectors[i] ?? null) : [];
  const features = (featurizer: Featurizer, rows: number[]) =>
    dense
      ? transformWithDense(featurizer, texts, rows, dense, denseVectors)
      : transformAll(
          featurizer,
          rows.map((r) => texts[r] ?? ""),
        );
  const fitOn = (rows: number[], stage: "train" | "refit") => {
    const featurizer = fitFeaturizer(
      rows.map((r) => texts[r] ?? ""),
      featurizerConfig,
      embeddings,
    );
    const matrix = features(featurizer, rows);
    report(stage, 0.1, `${matrix.rows} rows × ${matrix.cols} features`);
    const labelsOf = Int32Array.from(rows.map((r) => y[r] ?? 0));
    const parts = fitParts(matrix, labelsOf, labels.length, config, (f, message) =>
      report(stage, 0.1 + 0.9 * f, message),
    );
    return { featurizer, parts, matrix, labelsOf, rows };
  };
  const knnOptions = config.knn && median >= config.knn.minPerLabel ? config.knn : null;
  const knnOf = (fit: ReturnType<typeof fitOn>): KnnPart | undefined =>
    knnOptions
      ? makeKnnPart(
          knnOptions,
          fit.rows.map((r) => texts[r] ?? ""),
          fit.labelsOf,
          fit.matrix,
          labels.length,
          fit.featurizer.state.sparseCount,
        )
      : undefined;

  report("featurize", 0, "featurising");
  finish("featurize");
  let trained = fitOn(split.train, "train");
  finish("train");
  let classifier = combineParts(trained.parts, partTemperatures(trained.parts, null));
  let knn = knnOf(trained);
  let temperature = priorTemperature(config);
  let threshold = Math.min(0.6, 2 / labels.length);
  let heldOut: HeldOutSummary | null = null;
  if (hasHeldOut) {
    report("evaluate", 0, `evaluating on ${split.heldOut.length} held-out rows`);
    const heldTruth = split.heldOut.map((r) => y[r] ?? 0);
    const matrix = features(trained.featurizer, split.heldOut);
    const partT = partTemperatures(trained.parts, { matrix, truth: heldTruth });
    classifier = combineParts(trained.parts, partT);
    const logitRows = logitsAll(classifier, matrix);
    logitRows.forEach((z, r) => {
      applyKnn(knn, getRow(matrix, r), z);
    });
    temperature = fitTemperature(logitRows, heldTruth, priorTemperature(config));
    heldOut = summariseHeldOut(labels, logitRows, heldTruth, temperature, config);
    threshold = heldOut.thresholdChoice.threshold;
    finish("evaluate");
    if (config.refit) {
      trained = fitOn(
        texts.map((_, i) => i),
        "refit",
      );
      classifier = combineParts(trained.parts, partT);
      knn = knnOf(trained);
      finish("refit");
    }
  }
  report(config.refit && hasHeldOut ? "refit" : "train", 1, "done");
  return {
    labels,
    featurizer: trained.featurizer,
    classifier,
    temperature,
    threshold,
    outOfScopeLabel: config.outOfScopeLabel,
    config,
    ...(dense ? { extraDense: dense } : {}),
    ...(knn ? { knn } : {}),
    metrics: {
      trainRows: examples.length,
      heldOut,
      trainSeconds: (performance.now() - started) / 1000,
      refit: config.refit && hasHeldOut,
    },
  };
}

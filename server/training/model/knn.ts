/**
 * k-nearest-neighbour vote over the training examples in the TF-IDF space, mixed into the
 * softmax's probabilities (README, "kNN interpolation"): p = (1 − β)·softmax(z) + β·p_knn, where
 * p_knn(k) ∝ Σ exp(cos(x, x_i) / τ) over the k most similar training rows labelled k.
 *
 * Why: a linear model has to share one weight vector per intent between all of its phrasings; a
 * paraphrase close to one training example (and far from the intent's centroid) is what it misses
 * and what a neighbour vote catches. Cosine is taken on the sparse blocks only (word + char
 * n-grams; both blocks are L2-normalised, so the dot product is divided by the row norms).
 *
 * Search is exact, by an inverted index (feature → training rows): a query touches only the
 * posting lists of its own features.
 */
import { softmaxInPlace } from "./softmax";
import type { SparseMatrix, SparseRow } from "./sparse";
import { runSteps, type Steps } from "./steps";

export interface KnnOptions {
  /** Neighbours that vote. */
  k: number;
  /** Softmax temperature on cosine similarities (small: the nearest dominate). */
  tau: number;
  /** Weight of the neighbour vote in the mixture, 0–1 (0: off). */
  beta: number;
  /**
   * Features in more than this fraction of the rows are left out of the index (their idf, hence
   * their share of a cosine, is small, but their posting lists are most of the search work). Row
   * norms still count them. Absent: all features.
   */
  maxDfFraction?: number;
  /**
   * Skip the search when the classifier has decided the top template on its own: its top
   * probability leads the next one by more than β / (1 − β), so no vote could change the
   * top-1, and the vote is taken as all for that template (what its neighbours nearly always
   * say). Measured on held-out training rows (README, "Skipping decided messages"): 89 % of
   * BANKING77's messages and 99 % of Bitext's skip the search; top-1 identical by construction,
   * top-3 and NLL level. Absent (models trained before it): every message is searched.
   */
  skipDecided?: boolean;
}

export interface KnnIndex {
  rows: number;
  classes: number;
  /** Label of each training row. */
  labels: Int32Array;
  /** Only features below this index take part (the sparse n-gram blocks, not dense columns). */
  sparseCount: number;
  /** Postings: feature f's rows are postRows[postPtr[f] .. postPtr[f + 1]), values alike. */
  postPtr: Int32Array;
  postRows: Int32Array;
  postValues: Float32Array;
  /** 1 / ‖x_i‖ over the sparse features (0 for an empty row). */
  inverseNorm: Float32Array;
}

export function buildKnnIndex(
  matrix: SparseMatrix,
  labels: Int32Array,
  classes: number,
  sparseCount: number,
  maxDfFraction = 1,
): KnnIndex {
  return runSteps(buildKnnIndexSteps(matrix, labels, classes, sparseCount, maxDfFraction));
}

/** Rows per piece of the index build (≈ 1–3 ms each for BANKING77's rows): see steps.ts. */
const ROWS_PER_STEP = 512;

/** buildKnnIndex as pieces (steps.ts), for a load that must not block the event loop. */
export function* buildKnnIndexSteps(
  matrix: SparseMatrix,
  labels: Int32Array,
  classes: number,
  sparseCount: number,
  maxDfFraction = 1,
): Steps<KnnIndex> {
  const { rowPtr, indices, values } = matrix;
  const counts = new Int32Array(sparseCount + 1);
  const inverseNorm = new Float32Array(matrix.rows);
  for (let r = 0; r < matrix.rows; r++) {
    let sum = 0;
    const end = rowPtr[r + 1] as number;
    for (let j = rowPtr[r] as number; j < end; j++) {
      const f = indices[j] as number;
      if (f >= sparseCount) continue;
      counts[f + 1] = (counts[f + 1] as number) + 1;
      sum += (values[j] as number) ** 2;
    }
    inverseNorm[r] = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    if (r % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
  }
  const maxDf = maxDfFraction * matrix.rows;
  for (let f = 0; f < sparseCount; f++) if ((counts[f + 1] ?? 0) > maxDf) counts[f + 1] = 0;
  const postPtr = new Int32Array(sparseCount + 1);
  for (let f = 0; f < sparseCount; f++) postPtr[f + 1] = (postPtr[f] ?? 0) + (counts[f + 1] ?? 0);
  const total = postPtr[sparseCount] ?? 0;
  const postRows = new Int32Array(total);
  const postValues = new Float32Array(total);
  const fill = postPtr.slice(0, sparseCount);
  yield;
  for (let r = 0; r < matrix.rows; r++) {
    const end = rowPtr[r + 1] as number;
    for (let j = rowPtr[r] as number; j < end; j++) {
      const f = indices[j] as number;
      if (f >= sparseCount || postPtr[f + 1] === postPtr[f]) continue;
      const at = fill[f] as number;
      postRows[at] = r;
      postValues[at] = values[j] as number;
      fill[f] = at + 1;
    }
    if (r % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
  }
  return {
    rows: matrix.rows,
    classes,
    labels: Int32Array.from(labels),
    sparseCount,
    postPtr,
    postRows,
    postValues,
    inverseNorm,
  };
}

/**
 * Cosine similarity of `row` to every training row, into `scratch` (length = index.rows), and the
 * neighbour vote: a probability vector over classes, or null when the row shares no feature with
 * any training row (no evidence: the caller keeps the softmax alone).
 */
export function knnVote(
  index: KnnIndex,
  row: SparseRow,
  options: Pick<KnnOptions, "k" | "tau">,
  scratch: Float64Array = new Float64Array(index.rows),
): Float64Array | null {
  // The posting loop runs ≈ 110,000 times per BANKING77 query and is most of a suggestion's
  // CPU with the full model. The arrays in locals and `as number` instead of `?? 0` measured
  // 15–25 % less time; four postings per turn (a list names each row at most once, so the four
  // rows differ) another 30 % (bench/knn-kernel.ts). Each row still gets the same terms in the
  // same order: bit for bit the same sums and vote.
  const { postPtr, postRows, postValues, sparseCount, inverseNorm, labels } = index;
  const { indices, values } = row;
  scratch.fill(0);
  let queryNorm = 0;
  for (let j = 0; j < indices.length; j++) {
    const f = indices[j] as number;
    if (f >= sparseCount) continue;
    const v = values[j] as number;
    queryNorm += v * v;
    const end = postPtr[f + 1] as number;
    let p = postPtr[f] as number;
    for (; p + 3 < end; p += 4) {
      const r0 = postRows[p] as number;
      const r1 = postRows[p + 1] as number;
      const r2 = postRows[p + 2] as number;
      const r3 = postRows[p + 3] as number;
      scratch[r0] = (scratch[r0] as number) + v * (postValues[p] as number);
      scratch[r1] = (scratch[r1] as number) + v * (postValues[p + 1] as number);
      scratch[r2] = (scratch[r2] as number) + v * (postValues[p + 2] as number);
      scratch[r3] = (scratch[r3] as number) + v * (postValues[p + 3] as number);
    }
    for (; p < end; p++) {
      const r = postRows[p] as number;
      scratch[r] = (scratch[r] as number) + v * (postValues[p] as number);
    }
  }
  if (queryNorm === 0) return null;
  const q = 1 / Math.sqrt(queryNorm);
  // Top k by a small sorted buffer (k is ~10–30, so insertion beats a heap).
  const k = Math.min(options.k, index.rows);
  const topSim = new Float64Array(k).fill(-1);
  const topRow = new Int32Array(k).fill(-1);
  let floor = topSim[k - 1] as number;
  for (let r = 0; r < index.rows; r++) {
    const s = scratch[r] as number;
    if (s <= 0) continue;
    const sim = s * q * (inverseNorm[r] as number);
    if (sim <= floor) continue;
    let at = k - 1;
    while (at > 0 && (topSim[at - 1] as number) < sim) {
      topSim[at] = topSim[at - 1] as number;
      topRow[at] = topRow[at - 1] as number;
      at--;
    }
    topSim[at] = sim;
    topRow[at] = r;
    floor = topSim[k - 1] as number;
  }
  if ((topRow[0] ?? -1) < 0) return null; // no row shares a feature (or an empty index)
  const vote = new Float64Array(index.classes);
  const best = topSim[0] as number;
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const r = topRow[i] as number;
    if (r < 0) break;
    // Shifted by the best similarity so exp never overflows for a small τ.
    const w = Math.exp(((topSim[i] as number) - best) / options.tau);
    const label = labels[r] as number;
    vote[label] = (vote[label] as number) + w;
    sum += w;
  }
  for (let c = 0; c < vote.length; c++) vote[c] = (vote[c] as number) / sum;
  return vote;
}

/**
 * Mix the classifier's probabilities with the vote: (1 − β)·p + β·vote (a null vote: p alone). Returns the
 * log of the mixture, which the calibration step treats as logits (softmax of ln p is p at T = 1).
 */
export function mixLogits(p: Float64Array, vote: Float64Array | null, beta: number): Float64Array {
  const out = new Float64Array(p.length);
  for (let c = 0; c < p.length; c++) {
    const mixed = vote ? (1 - beta) * (p[c] ?? 0) + beta * (vote[c] ?? 0) : (p[c] ?? 0);
    out[c] = Math.log(Math.max(mixed, 1e-12));
  }
  return out;
}

/** The neighbour part of a trained model: its settings, the rows it votes with, and their index. */
export interface KnnPart {
  options: KnnOptions;
  /** Training texts of the index rows (what the artefact stores; re-featurised on load). */
  texts: string[];
  /** Class of each row. */
  labels: Int32Array;
  index: KnnIndex;
  /** Reused similarity buffer (one per model; prediction is synchronous). */
  scratch: Float64Array;
}

/** makeKnnPartSteps run to the end at once (training, tests). */
export function makeKnnPart(...args: Parameters<typeof makeKnnPartSteps>): KnnPart {
  return runSteps(makeKnnPartSteps(...args));
}

/** makeKnnPart as pieces (steps.ts). */
export function* makeKnnPartSteps(
  options: KnnOptions,
  texts: string[],
  labels: Int32Array,
  matrix: SparseMatrix,
  classes: number,
  sparseCount: number,
): Steps<KnnPart> {
  // Only these (a config may carry more); absent ones stay absent, so older artefacts' headers
  // are written back byte for byte.
  const { k, tau, beta, maxDfFraction, skipDecided } = options;
  const index = yield* buildKnnIndexSteps(matrix, labels, classes, sparseCount, maxDfFraction);
  return {
    options: {
      k,
      tau,
      beta,
      ...(maxDfFraction === undefined ? {} : { maxDfFraction }),
      ...(skipDecided ? { skipDecided } : {}),
    },
    texts,
    labels,
    index,
    scratch: new Float64Array(index.rows),
  };
}

/**
 * In place: the classifier's logits `z` → logits of the mixture (ln p), ready for
 * softmax(· / T). Without a neighbour part `z` is left as it is.
 */
export function applyKnn(knn: KnnPart | undefined, row: SparseRow, z: Float64Array): void {
  if (!knn || knn.options.beta <= 0) return;
  softmaxInPlace(z, 1);
  const decided = knn.options.skipDecided ? decidedClass(z, knn.options.beta) : -1;
  const vote =
    decided >= 0 ? oneHot(z.length, decided) : knnVote(knn.index, row, knn.options, knn.scratch);
  z.set(mixLogits(z, vote, knn.options.beta));
}

/**
 * The class whose top-1 no vote can change, or −1. With p₁ ≥ p₂ ≥ … the mixture's class 1 scores
 * at least (1 − β)·p₁ and any other class j at most (1 − β)·p_j + β, so (1 − β)·(p₁ − p₂) > β
 * keeps class 1 on top whatever the neighbours say. Strict, so a tie always searches.
 */
export function decidedClass(p: Float64Array, beta: number): number {
  if (p.length === 0 || beta >= 1) return -1;
  let top = 0;
  for (let c = 1; c < p.length; c++) if ((p[c] as number) > (p[top] as number)) top = c;
  let second = 0;
  for (let c = 0; c < p.length; c++) {
    if (c !== top && (p[c] as number) > second) second = p[c] as number;
  }
  return (1 - beta) * ((p[top] as number) - second) > beta ? top : -1;
}

function oneHot(length: number, at: number): Float64Array {
  const vote = new Float64Array(length);
  vote[at] = 1;
  return vote;
}

/** Bytes the part holds in memory (typed arrays; texts as V8 strings ≈ 2 bytes/char + header). */
export function knnMemoryBytes(knn: KnnPart | undefined): number {
  if (!knn) return 0;
  const { index } = knn;
  let strings = 0;
  for (const text of knn.texts) strings += 40 + 2 * text.length;
  return (
    strings +
    knn.labels.byteLength +
    knn.scratch.byteLength +
    index.labels.byteLength +
    index.postPtr.byteLength +
    index.postRows.byteLength +
    index.postValues.byteLength +
    index.inverseNorm.byteLength
  );
}

/**
 * Prediction for many texts at once (conversation analysis: 100,000 messages): the same
 * predictions as `predict` for each text — same features, logits, temperature and threshold, so
 * the same numbers to the last bit — with the per-text work cut down (featurize-tokens.ts: each
 * distinct word's char n-grams are looked up once per batch, counts in a scratch array) and the
 * candidate list picked without sorting every label. Optionally returns each text's tokens under
 * the default normalisation, which is what server/analysis featurises for clustering.
 */
import { type EmbeddingTable, loadWordVectors } from "./embeddings";
import { tokenTransform } from "./featurize-tokens";
import type { Candidate, IntentModel, Prediction } from "./model";
import { DEFAULT_NORMALIZE, type NormalizeOptions, normalizeText, tokenize } from "./normalize";
import { softmaxInPlace } from "./softmax";
import type { SparseRow } from "./sparse";

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

/** softmax.ts's logits(), the same sums in the same order, without its per-access fallbacks. */
function scoreRow(model: IntentModel, row: SparseRow, z: Float64Array): void {
  const { classes, weights, bias } = model.classifier;
  const { indices, values } = row;
  z.fill(0);
  for (let j = 0; j < indices.length; j++) {
    const base = (indices[j] as number) * classes;
    const v = values[j] as number;
    for (let k = 0; k < classes; k++) z[k] = (z[k] as number) + v * (weights[base + k] as number);
  }
  for (let k = 0; k < classes; k++) z[k] = (z[k] as number) + (bias[k] as number);
}

export function predictBatch(
  model: IntentModel,
  texts: readonly string[],
  options: BatchOptions = {},
): BatchPredictions {
  const limit = options.limit ?? 3;
  const { config } = model.featurizer.state;
  const embeddings =
    config.embeddingWeight > 0 ? (options.embeddings ?? loadWordVectors()) : undefined;
  const transform = tokenTransform(model.featurizer, embeddings);
  const reuse = sameNormalize(config.normalize, DEFAULT_NORMALIZE);
  const z = new Float64Array(model.labels.length);
  const predictions: Prediction[] = new Array(texts.length);
  const tokenLists: string[][] | undefined = options.tokens ? new Array(texts.length) : undefined;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] as string;
    const tokens = tokenize(normalizeText(text, config.normalize));
    if (tokenLists) tokenLists[i] = reuse ? tokens : tokenize(normalizeText(text));
    const row = transform(tokens);
    scoreRow(model, row, z);
    softmaxInPlace(z, model.temperature);
    let top = 0;
    for (let k = 1; k < z.length; k++) if ((z[k] ?? 0) > (z[top] ?? 0)) top = k;
    const topProbability = z[top] ?? 0;
    const predictedOutOfScope = model.labels[top] === model.outOfScopeLabel;
    predictions[i] = {
      candidates: topCandidates(model, z, limit),
      // As `predict`: no known feature means the label prior, never a confident suggestion.
      confident:
        row.indices.length > 0 && !predictedOutOfScope && topProbability >= model.threshold,
      topProbability,
      predictedOutOfScope,
    };
  }
  return tokenLists ? { predictions, tokens: tokenLists } : { predictions };
}

/**
 * Text vectors for clustering: the product's TF-IDF featuriser (word 1–2-grams and char_wb n-grams,
 * sublinear tf, smoothed idf) fitted on the messages being clustered, so idf reflects what is
 * distinctive among them, plus an optional mean-pooled word-vector block that lets paraphrases with
 * no shared word land together. Every row is L2-normalised as a whole: dot product = cosine.
 */
import type { EmbeddingTable } from "@/server/training/model/embeddings";
import { DEFAULT_FEATURIZER, type FeaturizerConfig } from "@/server/training/model/featurize";
import { fitFeaturizerFromTokens } from "@/server/training/model/featurize-fit-tokens";
import { transformTokenLists } from "@/server/training/model/featurize-tokens";
import { normalizeText, tokenize } from "@/server/training/model/normalize";
import type { SparseRow } from "@/server/training/model/sparse";
import { isTopicWord } from "./stopwords";

export interface ClusterVectorConfig {
  wordWeight: number;
  charWeight: number;
  /** Weight of the mean-pooled word-vector block; 0 turns it off (or no table given). */
  embeddingWeight: number;
  /**
   * Cluster on topic words only (stopwords.ts): without it, "How long does … take" or "Which … your"
   * pairs two unrelated questions and average linkage can chain two topics into one gap.
   */
  topicWordsOnly: boolean;
  /** Terms must appear in at least this many messages (noise terms cannot pull clusters). */
  minDf: number;
  maxWordFeatures: number;
  maxCharFeatures: number;
}

export const DEFAULT_CLUSTER_VECTORS: ClusterVectorConfig = {
  wordWeight: 1,
  charWeight: 0.6,
  // Centred mean-pooled word vectors were measured at 0.5 and 1: 1–3 held-out labels fewer.
  embeddingWeight: 0,
  topicWordsOnly: true,
  minDf: 2,
  maxWordFeatures: 8_000,
  maxCharFeatures: 12_000,
};

export interface ClusterVectors {
  rows: SparseRow[];
  dimension: number;
  /** Word terms in feature order (indices 0 … wordCount-1), for key phrases. */
  wordTerms: string[];
}

function normalizeRow(row: SparseRow): SparseRow {
  let sum = 0;
  for (const v of row.values) sum += v * v;
  if (sum > 0) {
    const scale = 1 / Math.sqrt(sum);
    for (let i = 0; i < row.values.length; i++) row.values[i] = (row.values[i] ?? 0) * scale;
  }
  return row;
}

/** Tokens of a text as the clustering featuriser reads them (the default normalisation). */
export function textTokens(text: string): string[] {
  return tokenize(normalizeText(text));
}

/**
 * Vectors of the texts; `allTokens[i]`, when given, must be `textTokens(texts[i])` (batch prediction
 * returns them) and saves normalising and tokenising every text again.
 */
export function clusterVectors(
  texts: readonly string[],
  config: ClusterVectorConfig = DEFAULT_CLUSTER_VECTORS,
  embeddings?: EmbeddingTable,
  allTokens: readonly (readonly string[])[] = texts.map(textTokens),
): ClusterVectors {
  const tokens = config.topicWordsOnly
    ? allTokens.map((list) => list.filter(isTopicWord))
    : allTokens;
  const useEmbeddings = config.embeddingWeight > 0 && embeddings !== undefined;
  const featurizerConfig: FeaturizerConfig = {
    ...DEFAULT_FEATURIZER,
    minDf: Math.min(config.minDf, Math.max(1, Math.floor(texts.length / 2))),
    maxWordFeatures: config.maxWordFeatures,
    maxCharFeatures: config.maxCharFeatures,
    charNgrams: config.charWeight > 0 ? [3, 5] : [0, 0],
    wordWeight: config.wordWeight,
    charWeight: config.charWeight,
    embeddingWeight: 0,
  };
  // The same vocabulary and features as fitFeaturizer/transform on the texts (featurize-tokens.ts).
  const featurizer = fitFeaturizerFromTokens(tokens, featurizerConfig);
  const sparse = transformTokenLists(featurizer, tokens);
  const dense = useEmbeddings
    ? centredPooledVectors(tokens, embeddings, config.embeddingWeight)
    : null;
  const rows = sparse.map((row, r) => {
    const block = dense?.[r];
    if (!block) return normalizeRow(row);
    const indices = new Int32Array(row.indices.length + block.length);
    const values = new Float32Array(row.values.length + block.length);
    indices.set(row.indices);
    values.set(row.values);
    for (let d = 0; d < block.length; d++) {
      indices[row.indices.length + d] = featurizer.dimension + d;
      values[row.values.length + d] = block[d] ?? 0;
    }
    return normalizeRow({ indices, values });
  });
  const { state } = featurizer;
  return {
    rows,
    dimension: featurizer.dimension + (dense ? (embeddings?.dims ?? 0) : 0),
    wordTerms: state.terms.slice(0, state.wordCount),
  };
}

/**
 * Mean-pooled word vectors, centred on the corpus mean and scaled to `weight`: uncentred, any two
 * sentences have a cosine near 0.8 (the shared "English" direction) and everything merges.
 */
function centredPooledVectors(
  tokens: readonly (readonly string[])[],
  embeddings: EmbeddingTable,
  weight: number,
): (Float32Array | null)[] {
  const pooled = tokens.map((t) => embeddings.pool(t)?.mean ?? null);
  const mean = new Float64Array(embeddings.dims);
  let count = 0;
  for (const v of pooled) {
    if (!v) continue;
    count++;
    for (let d = 0; d < v.length; d++) mean[d] = (mean[d] ?? 0) + (v[d] ?? 0);
  }
  for (let d = 0; d < mean.length; d++) mean[d] = (mean[d] ?? 0) / Math.max(1, count);
  return pooled.map((v) => {
    if (!v) return null;
    let sum = 0;
    for (let d = 0; d < v.length; d++) {
      v[d] = (v[d] ?? 0) - (mean[d] ?? 0);
      sum += (v[d] ?? 0) ** 2;
    }
    const scale = sum > 0 ? weight / Math.sqrt(sum) : 0;
    for (let d = 0; d < v.length; d++) v[d] = (v[d] ?? 0) * scale;
    return v;
  });
}

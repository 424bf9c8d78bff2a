/**
 * TF-IDF featuriser: word n-grams and character n-grams as two blocks, each with sublinear tf
 * (1 + ln tf), smoothed idf (ln((1 + n) / (1 + df)) + 1, as scikit-learn), L2-normalised and
 * weighted, optionally followed by a dense block of pooled word vectors (see embeddings.ts).
 *
 * Two ways to index terms (measured in bench/model.ts):
 * - "vocabulary": an explicit term list, pruned to terms seen in ≥ minDf texts and capped to the
 *   most frequent maxWordFeatures / maxCharFeatures per block — the model's size is bounded;
 * - "hashing": terms hashed into 2^hashBits buckets, no term list, idf per bucket.
 */
import type { EmbeddingTable } from "./embeddings";
import { knownWords } from "./known-words";
import { DEFAULT_NORMALIZE, type NormalizeOptions, normalizeText, tokenize } from "./normalize";
import { fromRows, normalizeBlock, type SparseMatrix, type SparseRow } from "./sparse";
import { countTerms, hashTerm, type TermOptions } from "./terms";

export interface FeaturizerConfig extends TermOptions {
  normalize: NormalizeOptions;
  mode: "vocabulary" | "hashing";
  minDf: number;
  maxWordFeatures: number;
  maxCharFeatures: number;
  hashBits: number;
  sublinearTf: boolean;
  wordWeight: number;
  charWeight: number;
  /** Weight of the pooled word-vector block; 0 turns it off. */
  embeddingWeight: number;
  /**
   * "mean+max" (both poolings, 2 × dims features) or "mean" (dims features: half the dense work
   * per training step). Absent in artefacts written before the option existed: "mean+max".
   */
  embeddingPooling?: "mean+max" | "mean";
}

export const DEFAULT_FEATURIZER: FeaturizerConfig = {
  normalize: DEFAULT_NORMALIZE,
  wordNgrams: [1, 2],
  charNgrams: [2, 5],
  mode: "vocabulary",
  minDf: 1,
  maxWordFeatures: 20_000,
  maxCharFeatures: 40_000,
  hashBits: 16,
  sublinearTf: true,
  wordWeight: 1,
  charWeight: 1,
  // Pooled word vectors: +1.1 points top-1 on 10-shot BANKING77 (held-out training rows), level
  // on the full set, for about twice the training time (bench/model.ts --tune).
  embeddingWeight: 1,
};

/** Everything needed to turn new text into the same features: stored in the artefact. */
export interface FeaturizerState {
  config: FeaturizerConfig;
  /** Vocabulary mode: word terms, then character terms, in feature order. Empty when hashing. */
  terms: string[];
  /** Number of word features (vocabulary mode) — character features follow them. */
  wordCount: number;
  idf: Float32Array;
  /** Sparse feature count; the embedding block (if any) starts here. */
  sparseCount: number;
}

export interface Featurizer {
  state: FeaturizerState;
  /** The word-vector table the embedding block pools from (absent when the block is off). */
  embeddings?: EmbeddingTable;
  /** Total feature count, embedding block included. */
  dimension: number;
  transform(text: string): SparseRow;
  /** The row and the share of the text's word idf mass the vocabulary knows (known-words.ts). */
  transformText(text: string): { row: SparseRow; knownWordShare: number };
  /** The text's words the vocabulary does not know, each once (known-words.ts). */
  unknownWords(text: string): string[];
}

/**
 * The model reads a message's first 2,000 characters, in training and in serving alike. A
 * support message states its request first; what follows in a very long one is a quoted thread
 * or a pasted log, which only dilutes it. Measured with the full BANKING77 model on one idle
 * core: a prediction took 1.3 ms at 200 characters, 4.4 ms at 2,000 and 15 ms at 20,000 (the
 * longest message suggestions.forMessage takes), all on the request's event loop; 3.4 ms at
 * 20,000 with this limit.
 */
export const MODEL_TEXT_LIMIT = 2_000;

/** The words the model reads of a text (its first MODEL_TEXT_LIMIT characters, normalised). */
export function tokensOf(text: string, config: FeaturizerConfig): string[] {
  const read = text.length > MODEL_TEXT_LIMIT ? text.slice(0, MODEL_TEXT_LIMIT) : text;
  return tokenize(normalizeText(read, config.normalize));
}

function termsOf(text: string, config: FeaturizerConfig) {
  const tokens = tokensOf(text, config);
  return { tokens, counts: countTerms(tokens, config) };
}

function hashIndex(term: string, block: "w" | "c", bits: number): number {
  return hashTerm(`${block}${term}`) & ((1 << bits) - 1);
}

function topByDf(df: Map<string, number>, minDf: number, cap: number): string[] {
  const kept = [...df.entries()].filter(([, count]) => count >= minDf);
  // Most frequent first; ties broken by the term so the vocabulary is deterministic.
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return kept.slice(0, cap).map(([term]) => term);
}

/** Learn the vocabulary and idf from the training texts. */
export function fitFeaturizer(
  texts: readonly string[],
  config: FeaturizerConfig,
  embeddings?: EmbeddingTable,
): Featurizer {
  const n = texts.length;
  if (config.mode === "hashing") {
    const size = 1 << config.hashBits;
    const df = new Float64Array(size);
    for (const text of texts) {
      const { counts } = termsOf(text, config);
      const seen = new Set<number>();
      for (const term of counts.words.keys()) seen.add(hashIndex(term, "w", config.hashBits));
      for (const term of counts.chars.keys()) seen.add(hashIndex(term, "c", config.hashBits));
      for (const index of seen) df[index] = (df[index] ?? 0) + 1;
    }
    const idf = new Float32Array(size);
    for (let i = 0; i < size; i++) idf[i] = Math.log((1 + n) / (1 + (df[i] ?? 0))) + 1;
    const state = { config, terms: [], wordCount: 0, idf, sparseCount: size };
    return makeFeaturizer(state, embeddings);
  }
  const wordDf = new Map<string, number>();
  const charDf = new Map<string, number>();
  for (const text of texts) {
    const { counts } = termsOf(text, config);
    for (const term of counts.words.keys()) wordDf.set(term, (wordDf.get(term) ?? 0) + 1);
    for (const term of counts.chars.keys()) charDf.set(term, (charDf.get(term) ?? 0) + 1);
  }
  const wordTerms = topByDf(wordDf, config.minDf, config.maxWordFeatures);
  const charTerms = topByDf(charDf, config.minDf, config.maxCharFeatures);
  const terms = [...wordTerms, ...charTerms];
  const idf = new Float32Array(terms.length);
  terms.forEach((term, i) => {
    const df = (i < wordTerms.length ? wordDf.get(term) : charDf.get(term)) ?? 0;
    idf[i] = Math.log((1 + n) / (1 + df)) + 1;
  });
  const state = { config, terms, wordCount: wordTerms.length, idf, sparseCount: terms.length };
  return makeFeaturizer(state, embeddings);
}

/** Rebuild a featuriser from its stored state (the embedding table is shared, not stored). */
export function makeFeaturizer(state: FeaturizerState, embeddings?: EmbeddingTable): Featurizer {
  const { config, idf } = state;
  if (config.embeddingWeight > 0 && !embeddings) {
    throw new Error("this model uses word vectors: pass the embedding table");
  }
  const wordIndex = new Map<string, number>();
  const charIndex = new Map<string, number>();
  state.terms.forEach((term, i) => {
    if (i < state.wordCount) wordIndex.set(term, i);
    else charIndex.set(term, i);
  });
  const withMax = config.embeddingPooling !== "mean";
  const embeddingDims =
    config.embeddingWeight > 0 && embeddings ? embeddings.dims * (withMax ? 2 : 1) : 0;

  function block(counts: Map<string, number>, kind: "w" | "c", weight: number) {
    const entries = new Map<number, number>();
    for (const [term, count] of counts) {
      const index =
        config.mode === "hashing"
          ? hashIndex(term, kind, config.hashBits)
          : (kind === "w" ? wordIndex : charIndex).get(term);
      if (index === undefined) continue;
      entries.set(index, (entries.get(index) ?? 0) + count);
    }
    const indices = [...entries.keys()].sort((a, b) => a - b);
    const values = indices.map((index) => {
      const tf = entries.get(index) ?? 0;
      return (config.sublinearTf ? 1 + Math.log(tf) : tf) * (idf[index] ?? 0);
    });
    normalizeBlock(values, weight);
    return { indices, values };
  }

  const known = knownWords(
    state,
    config.mode === "hashing" ? null : (token) => wordIndex.get(token) ?? -1,
  );

  function transformText(text: string) {
    const { tokens, counts } = termsOf(text, config);
    return { row: rowOf(tokens, counts), knownWordShare: known.share(tokens) };
  }

  function rowOf(tokens: string[], counts: ReturnType<typeof countTerms>): SparseRow {
    const words = block(counts.words, "w", config.wordWeight);
    const chars = block(counts.chars, "c", config.charWeight);
    const indices = [...words.indices, ...chars.indices];
    const values = [...words.values, ...chars.values];
    if (embeddingDims > 0 && embeddings) {
      const pooled = embeddings.pool(tokens);
      if (pooled) {
        normalizeBlock(pooled.mean, config.embeddingWeight);
        for (let d = 0; d < embeddings.dims; d++) {
          indices.push(state.sparseCount + d);
          values.push(pooled.mean[d] ?? 0);
        }
        if (withMax) normalizeBlock(pooled.max, config.embeddingWeight);
        for (let d = 0; withMax && d < embeddings.dims; d++) {
          indices.push(state.sparseCount + embeddings.dims + d);
          values.push(pooled.max[d] ?? 0);
        }
      }
    }
    return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
  }

  return {
    state,
    ...(embeddingDims > 0 && embeddings ? { embeddings } : {}),
    dimension: state.sparseCount + embeddingDims,
    transform: (text) => {
      const { tokens, counts } = termsOf(text, config);
      return rowOf(tokens, counts);
    },
    transformText,
    unknownWords: (text) => known.unknown(tokensOf(text, config)),
  };
}

export function transformAll(featurizer: Featurizer, texts: readonly string[]): SparseMatrix {
  return fromRows(
    texts.map((text) => featurizer.transform(text)),
    featurizer.dimension,
  );
}

/**
 * The featuriser of featurize.ts driven by token lists instead of texts, for many texts at once
 * (batch prediction, clustering 100,000 messages): the same features, bit for bit, but
 * - each text is normalised and tokenised once by the caller, and the tokens can be reused;
 * - a word's char_wb n-grams are extracted and looked up once per distinct word (per featuriser),
 *   then every occurrence adds the cached column list: no per-gram string per message;
 * - counts go through a dense scratch array instead of a Map per text.
 * Char n-grams spanning words (`charMode: "char"`) have no per-word cache and go through countTerms.
 */
import type { EmbeddingTable } from "./embeddings";
import {
  type Featurizer,
  type FeaturizerConfig,
  type FeaturizerState,
  makeFeaturizer,
} from "./featurize";
import { normalizeBlock, type SparseRow } from "./sparse";
import { countTerms, hashTerm } from "./terms";

/** Features of one tokenised text, identical to `featurizer.transform(text)` for its tokens. */
export type TokenTransform = (tokens: readonly string[]) => SparseRow;

/** char_wb n-grams of one word, in countTerms' order (with repeats). */
export function wordCharGrams(token: string, charNgrams: [number, number]): string[] {
  const [charMin, charMax] = charNgrams;
  const out: string[] = [];
  if (charMax <= 0) return out;
  const padded = ` ${token} `;
  for (let n = Math.max(1, charMin); n <= charMax; n++) {
    for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
    if (n >= padded.length) break;
  }
  return out;
}

/** Word n-grams of lengths n ≥ 2 in countTerms' order (unigrams are the tokens themselves). */
function forEachWordGram(
  tokens: readonly string[],
  wordNgrams: [number, number],
  visit: (term: string) => void,
): void {
  const [wordMin, wordMax] = wordNgrams;
  for (let n = Math.max(1, wordMin); n <= wordMax; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      visit(n === 1 ? (tokens[i] as string) : tokens.slice(i, i + n).join(" "));
    }
  }
}

/** Token-driven transform for a featuriser (vocabulary or hashing mode, any config). */
export function tokenTransform(
  featurizer: Featurizer,
  embeddings?: EmbeddingTable,
): TokenTransform {
  const { state } = featurizer;
  const { config, idf } = state;
  const mask = (1 << config.hashBits) - 1;
  const hashing = config.mode === "hashing";
  const wordIndex = new Map<string, number>();
  const charIndex = new Map<string, number>();
  if (!hashing) {
    state.terms.forEach((term, i) => {
      if (i < state.wordCount) wordIndex.set(term, i);
      else charIndex.set(term, i);
    });
  }
  const wordColumn = (term: string) =>
    hashing ? hashTerm(`w${term}`) & mask : (wordIndex.get(term) ?? -1);
  const charColumn = (term: string) =>
    hashing ? hashTerm(`c${term}`) & mask : (charIndex.get(term) ?? -1);
  const perWordChars = config.charMode !== "char";
  const charCache = new Map<string, Int32Array>();
  const charsOf = (token: string) => {
    let columns = charCache.get(token);
    if (!columns) {
      const found: number[] = [];
      for (const gram of wordCharGrams(token, config.charNgrams)) {
        const c = charColumn(gram);
        if (c >= 0) found.push(c);
      }
      columns = Int32Array.from(found);
      charCache.set(token, columns);
    }
    return columns;
  };
  const counts = new Float64Array(state.sparseCount);
  let touched = new Int32Array(256);
  let used = 0;
  let scratch = new Float64Array(256);
  const add = (column: number) => {
    if (column < 0) return;
    if (counts[column] === 0) {
      if (used === touched.length) {
        const grown = new Int32Array(used * 2);
        grown.set(touched);
        touched = grown;
        scratch = new Float64Array(used * 2);
      }
      touched[used++] = column;
    }
    counts[column] = (counts[column] ?? 0) + 1;
  };
  // The same arithmetic as featurize.ts's block(): sorted columns, (1 + ln tf) · idf in doubles,
  // L2 to `weight` in doubles, stored as float32.
  const flush = (weight: number) => {
    const indices = touched.slice(0, used).sort();
    used = 0;
    const values = scratch;
    let sum = 0;
    for (let j = 0; j < indices.length; j++) {
      const column = indices[j] as number;
      const tf = counts[column] as number;
      counts[column] = 0;
      const v = (config.sublinearTf ? 1 + Math.log(tf) : tf) * (idf[column] as number);
      values[j] = v;
      sum += v * v;
    }
    const scale = sum !== 0 ? weight / Math.sqrt(sum) : 1;
    const out = new Float32Array(indices.length);
    for (let j = 0; j < indices.length; j++) out[j] = (values[j] as number) * scale;
    return { indices, values: out };
  };
  const table = config.embeddingWeight > 0 ? embeddings : undefined;
  if (config.embeddingWeight > 0 && !table) {
    throw new Error("this model uses word vectors: pass the embedding table");
  }
  const withMax = config.embeddingPooling !== "mean";
  const embeddingDims = table ? table.dims * (withMax ? 2 : 1) : 0;

  return (tokens) => {
    forEachWordGram(tokens, config.wordNgrams, (term) => add(wordColumn(term)));
    const words = flush(config.wordWeight);
    if (perWordChars) {
      for (const token of tokens) for (const c of charsOf(token)) add(c);
    } else {
      for (const [term, n] of countTerms(tokens, config).chars) {
        for (let r = 0; r < n; r++) add(charColumn(term));
      }
    }
    const chars = flush(config.charWeight);
    const size = words.indices.length + chars.indices.length;
    const pooled = table && embeddingDims > 0 ? table.pool(tokens) : null;
    const extra = pooled ? embeddingDims : 0;
    const indices = new Int32Array(size + extra);
    const values = new Float32Array(size + extra);
    indices.set(words.indices);
    indices.set(chars.indices, words.indices.length);
    values.set(words.values);
    values.set(chars.values, words.values.length);
    if (pooled && table) {
      // As featurize.ts: each pooled block L2-normalised to the embedding weight.
      normalizeBlock(pooled.mean, config.embeddingWeight);
      if (withMax) normalizeBlock(pooled.max, config.embeddingWeight);
      for (let d = 0; d < table.dims; d++) {
        indices[size + d] = state.sparseCount + d;
        values[size + d] = pooled.mean[d] ?? 0;
        if (!withMax) continue;
        indices[size + table.dims + d] = state.sparseCount + table.dims + d;
        values[size + table.dims + d] = pooled.max[d] ?? 0;
      }
    }
    return { indices, values };
  };
}

function topByDf(terms: string[], df: Int32Array, minDf: number, cap: number): string[] {
  const kept: [string, number][] = [];
  terms.forEach((term, i) => {
    const count = df[i] ?? 0;
    if (count >= minDf) kept.push([term, count]);
  });
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return kept.slice(0, cap).map(([term]) => term);
}

/** Interned terms with a document frequency (each text counted once per term). */
class DfTable {
  readonly ids = new Map<string, number>();
  readonly terms: string[] = [];
  df = new Int32Array(1024);
  lastDoc = new Int32Array(1024).fill(-1);

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      if (id >= this.df.length) {
        const df = new Int32Array(this.df.length * 2);
        df.set(this.df);
        const last = new Int32Array(this.df.length * 2).fill(-1);
        last.set(this.lastDoc);
        this.df = df;
        this.lastDoc = last;
      }
    }
    return id;
  }

  see(id: number, doc: number): void {
    if (this.lastDoc[id] === doc) return;
    this.lastDoc[id] = doc;
    this.df[id] = (this.df[id] ?? 0) + 1;
  }
}

/**
 * `fitFeaturizer` over already-tokenised texts (vocabulary mode, char_wb n-grams, no word vectors):
 * the same vocabulary, order and idf as fitting on the texts those tokens came from.
 */
export function fitFeaturizerFromTokens(
  tokenLists: readonly (readonly string[])[],
  config: FeaturizerConfig,
): Featurizer {
  if (config.mode !== "vocabulary" || config.charMode === "char" || config.embeddingWeight > 0) {
    throw new Error("fitFeaturizerFromTokens: vocabulary mode, char_wb, no word vectors only");
  }
  const n = tokenLists.length;
  const words = new DfTable();
  const chars = new DfTable();
  const charIds = new Map<string, Int32Array>();
  tokenLists.forEach((tokens, doc) => {
    forEachWordGram(tokens, config.wordNgrams, (term) => words.see(words.id(term), doc));
    for (const token of tokens) {
      let ids = charIds.get(token);
      if (!ids) {
        ids = Int32Array.from(wordCharGrams(token, config.charNgrams), (g) => chars.id(g));
        charIds.set(token, ids);
      }
      for (const id of ids) chars.see(id, doc);
    }
  });
  const wordTerms = topByDf(words.terms, words.df, config.minDf, config.maxWordFeatures);
  const charTerms = topByDf(chars.terms, chars.df, config.minDf, config.maxCharFeatures);
  const terms = [...wordTerms, ...charTerms];
  const idf = new Float32Array(terms.length);
  terms.forEach((term, i) => {
    const table = i < wordTerms.length ? words : chars;
    const df = table.df[table.ids.get(term) ?? -1] ?? 0;
    idf[i] = Math.log((1 + n) / (1 + df)) + 1;
  });
  const state: FeaturizerState = {
    config,
    terms,
    wordCount: wordTerms.length,
    idf,
    sparseCount: terms.length,
  };
  return makeFeaturizer(state);
}

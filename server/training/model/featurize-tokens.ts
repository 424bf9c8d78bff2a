/**
 * The featuriser of featurize.ts driven by token lists instead of texts, for many texts at once
 * (batch prediction, clustering 100,000 messages): the same features, bit for bit, but
 * - each text is normalised and tokenised once by the caller, and the tokens can be reused;
 * - a word's char_wb n-grams are extracted and looked up once per distinct word (per featuriser),
 *   then every occurrence adds the cached column list: no per-gram string per message;
 * - counts go through a dense scratch array instead of a Map per text.
 * Char n-grams spanning words (`charMode: "char"`) have no per-word cache and go through countTerms.
 * Fitting from token lists: featurize-fit-tokens.ts.
 */
import type { EmbeddingTable } from "./embeddings";
import type { Featurizer } from "./featurize";
import { knownWords } from "./known-words";
import { normalizeBlock, type SparseRow } from "./sparse";
import { runSteps, type Steps } from "./steps";
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

/** A featuriser's rows written into reusable buffers: no allocation per text. */
export interface TokenFeaturizer {
  /**
   * Writes the row of one text into `out` (valid until the next call) and returns its length.
   * `sparseOnly`: the n-gram columns without the pooled word vectors (the neighbour rows read
   * nothing else, and the sparse values do not depend on them).
   */
  fill(tokens: readonly string[], options?: { sparseOnly?: boolean }): number;
  readonly out: { indices: Int32Array; values: Float32Array };
  /** As `featurizer.transformText(text).knownWordShare` for these tokens (known-words.ts). */
  knownWordShare(tokens: readonly string[]): number;
}

/** Token-driven featuriser for a fitted one (vocabulary or hashing mode, any config). */
export function tokenFeaturizer(
  featurizer: Featurizer,
  embeddings?: EmbeddingTable,
): TokenFeaturizer {
  return runSteps(tokenFeaturizerSteps(featurizer, embeddings));
}

/** Distinct words whose char n-gram columns a token featuriser keeps (≈ 220 bytes each). */
export const MAX_CACHED_WORDS = 5_000;

/** Terms indexed per piece of `tokenFeaturizerSteps` (≈ 1–2 ms). */
const TERMS_PER_STEP = 4096;

/** tokenFeaturizer in pieces (steps.ts): a model load in a web process builds one. */
export function* tokenFeaturizerSteps(
  featurizer: Featurizer,
  embeddings?: EmbeddingTable,
): Steps<TokenFeaturizer> {
  const { state } = featurizer;
  const { config, idf } = state;
  const mask = (1 << config.hashBits) - 1;
  const hashing = config.mode === "hashing";
  const wordIndex = new Map<string, number>();
  const charIndex = new Map<string, number>();
  // Word bigrams by (first word, second word): no joined string per lookup.
  const bigramIndex = new Map<string, Map<string, number>>();
  for (let i = 0; !hashing && i < state.terms.length; i++) {
    if (i % TERMS_PER_STEP === TERMS_PER_STEP - 1) yield;
    const term = state.terms[i] as string;
    if (i >= state.wordCount) {
      charIndex.set(term, i);
      continue;
    }
    wordIndex.set(term, i);
    // Exactly one space: a bigram (indexOf, not split: no array per unigram; 20,000 terms).
    const space = term.indexOf(" ");
    if (space < 0 || term.includes(" ", space + 1)) continue;
    const first = term.slice(0, space);
    const second = term.slice(space + 1);
    let inner = bigramIndex.get(first);
    if (!inner) {
      inner = new Map();
      bigramIndex.set(first, inner);
    }
    inner.set(second, i);
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
      // Bounded: a serving process meets new words (names, typos, ids) for as long as it runs.
      if (charCache.size >= MAX_CACHED_WORDS) charCache.clear();
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
  // 1 + ln tf for small tf, computed as featurize.ts computes it.
  const logTf = Float64Array.from({ length: 64 }, (_, tf) => 1 + Math.log(tf));
  const counts = new Int32Array(state.sparseCount);
  // Columns touched by the current block, as a two-level bitmap: a flush walks them in ascending
  // order without sorting (bit c of `bits`; bit w of `summary` when word w of `bits` is non-zero).
  const bits = new Int32Array(Math.ceil(state.sparseCount / 32));
  const summary = new Int32Array(Math.ceil(bits.length / 32));
  const scratch = new Float64Array(state.sparseCount);
  let used = 0;
  const out = { indices: new Int32Array(512), values: new Float32Array(512) };
  let length = 0;
  const reserve = (extra: number) => {
    if (length + extra <= out.indices.length) return;
    const size = Math.max(out.indices.length * 2, length + extra);
    const indices = new Int32Array(size);
    const values = new Float32Array(size);
    indices.set(out.indices.subarray(0, length));
    values.set(out.values.subarray(0, length));
    out.indices = indices;
    out.values = values;
  };
  const add = (column: number) => {
    if (column < 0) return;
    const count = counts[column] as number;
    if (count === 0) {
      used++;
      const word = column >>> 5;
      bits[word] = (bits[word] as number) | (1 << (column & 31));
      summary[word >>> 5] = (summary[word >>> 5] as number) | (1 << (word & 31));
    }
    counts[column] = count + 1;
  };
  // The same arithmetic as featurize.ts's block(): ascending columns, (1 + ln tf) · idf in
  // doubles, L2 to `weight` in doubles, stored as float32.
  const flush = (weight: number) => {
    reserve(used);
    let sum = 0;
    let j = 0;
    for (let s = 0; s < summary.length; s++) {
      let words = summary[s] as number;
      summary[s] = 0;
      while (words !== 0) {
        const low = words & -words;
        words ^= low;
        const word = s * 32 + 31 - Math.clz32(low);
        let set = bits[word] as number;
        bits[word] = 0;
        while (set !== 0) {
          const bit = set & -set;
          set ^= bit;
          const column = word * 32 + 31 - Math.clz32(bit);
          const tf = counts[column] as number;
          counts[column] = 0;
          const w = config.sublinearTf ? (tf < 64 ? (logTf[tf] as number) : 1 + Math.log(tf)) : tf;
          const v = w * (idf[column] as number);
          out.indices[length + j] = column;
          scratch[j++] = v;
          sum += v * v;
        }
      }
    }
    const scale = sum !== 0 ? weight / Math.sqrt(sum) : 1;
    for (let q = 0; q < j; q++) out.values[length + q] = (scratch[q] as number) * scale;
    length += j;
    used = 0;
  };
  const table = config.embeddingWeight > 0 ? embeddings : undefined;
  if (config.embeddingWeight > 0 && !table) {
    throw new Error("this model uses word vectors: pass the embedding table");
  }
  const withMax = config.embeddingPooling !== "mean";
  const embeddingDims = table ? table.dims * (withMax ? 2 : 1) : 0;
  const [wordMin, wordMax] = config.wordNgrams;

  function fill(tokens: readonly string[], options?: { sparseOnly?: boolean }): number {
    length = 0;
    for (let n = Math.max(1, wordMin); n <= wordMax; n++) {
      for (let i = 0; i + n <= tokens.length; i++) {
        const first = tokens[i] as string;
        if (n === 1) add(wordColumn(first));
        else if (n === 2 && !hashing) {
          add(bigramIndex.get(first)?.get(tokens[i + 1] as string) ?? -1);
        } else add(wordColumn(tokens.slice(i, i + n).join(" ")));
      }
    }
    flush(config.wordWeight);
    if (perWordChars) {
      for (const token of tokens) {
        const columns = charsOf(token);
        for (let q = 0; q < columns.length; q++) add(columns[q] as number);
      }
    } else {
      for (const [term, n] of countTerms(tokens, config).chars) {
        for (let r = 0; r < n; r++) add(charColumn(term));
      }
    }
    flush(config.charWeight);
    const pooled = table && embeddingDims > 0 && !options?.sparseOnly ? table.pool(tokens) : null;
    if (pooled && table) {
      // As featurize.ts: each pooled block L2-normalised to the embedding weight.
      reserve(embeddingDims);
      normalizeBlock(pooled.mean, config.embeddingWeight);
      if (withMax) normalizeBlock(pooled.max, config.embeddingWeight);
      for (let d = 0; d < table.dims; d++) {
        out.indices[length + d] = state.sparseCount + d;
        out.values[length + d] = pooled.mean[d] ?? 0;
        if (!withMax) continue;
        out.indices[length + table.dims + d] = state.sparseCount + table.dims + d;
        out.values[length + table.dims + d] = pooled.max[d] ?? 0;
      }
      length += embeddingDims;
    }
    return length;
  }

  const known = knownWords(state, hashing ? null : wordColumn);
  return { fill, out, knownWordShare: known.share };
}

/** One row per call, in arrays of its own. */
export function tokenTransform(
  featurizer: Featurizer,
  embeddings?: EmbeddingTable,
): TokenTransform {
  const f = tokenFeaturizer(featurizer, embeddings);
  return (tokens) => {
    const n = f.fill(tokens);
    return { indices: f.out.indices.slice(0, n), values: f.out.values.slice(0, n) };
  };
}

/** Rows of many texts, packed into a few large buffers (each row a view): little garbage. */
export function transformTokenLists(
  featurizer: Featurizer,
  tokenLists: readonly (readonly string[])[],
  embeddings?: EmbeddingTable,
): SparseRow[] {
  const f = tokenFeaturizer(featurizer, embeddings);
  const POOL = 1 << 20;
  let indices = new Int32Array(POOL);
  let values = new Float32Array(POOL);
  let at = 0;
  return tokenLists.map((tokens) => {
    const n = f.fill(tokens);
    if (at + n > indices.length) {
      indices = new Int32Array(Math.max(POOL, n));
      values = new Float32Array(Math.max(POOL, n));
      at = 0;
    }
    indices.set(f.out.indices.subarray(0, n), at);
    values.set(f.out.values.subarray(0, n), at);
    const row = { indices: indices.subarray(at, at + n), values: values.subarray(at, at + n) };
    at += n;
    return row;
  });
}

/**
 * `fitFeaturizer` over token lists (featurize-tokens.ts): each distinct word's char n-grams are
 * interned once, document frequencies counted on integer ids, bigrams interned by word pair.
 */
import {
  type Featurizer,
  type FeaturizerConfig,
  type FeaturizerState,
  makeFeaturizer,
} from "./featurize";
import { wordCharGrams } from "./featurize-tokens";

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

  private readonly pairs = new Map<string, Map<string, number>>();

  /** id(`${a} ${b}`) without building the string when the pair was seen before. */
  pairId(a: string, b: string): number {
    let inner = this.pairs.get(a);
    if (!inner) {
      inner = new Map();
      this.pairs.set(a, inner);
    }
    let id = inner.get(b);
    if (id === undefined) {
      id = this.id(`${a} ${b}`);
      inner.set(b, id);
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
    const [wordMin, wordMax] = config.wordNgrams;
    for (let n = Math.max(1, wordMin); n <= wordMax; n++) {
      for (let i = 0; i + n <= tokens.length; i++) {
        const first = tokens[i] as string;
        const id =
          n === 1
            ? words.id(first)
            : n === 2
              ? words.pairId(first, tokens[i + 1] as string)
              : words.id(tokens.slice(i, i + n).join(" "));
        words.see(id, doc);
      }
    }
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

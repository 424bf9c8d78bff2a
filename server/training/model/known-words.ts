/**
 * How much of a message the model has words for: the share of its word idf mass that is in the
 * vocabulary, each unknown word counted at the idf of the rarest known word. A message made of
 * words no training example used ("buy bitcoin crypto" to a three-intent card workspace, a
 * greeting, another domain) scores near 0 even when character n-grams and word vectors give
 * the classifier something to be confident about; stop words barely count (low idf).
 * predict() and predictBatch() decline below MIN_KNOWN_WORD_SHARE.
 */

import { PLACEHOLDER_TOKENS } from "./normalize";

/**
 * Below this share of known words a prediction is never confident, whatever its probability.
 * The largest of 0.3 / 0.4 / 0.5 / 0.6 that costs at most 1 point of in-scope coverage on the
 * held-out runs of `bench/model.ts --tune` (0.05 / 0 / 0.10 on BANKING77 full / 10-shot /
 * Bitext) and in small simulated workspaces (`bench/small-sim.ts`: 0.7 / 0.5 / 0.2 points with
 * 3 / 5 / 10 intents), where messages from other domains answered confidently fall from
 * 29 / 40 / 27% to 15 / 22 / 18%. 0.5 blocks more of those but declined 2 of the demo's 6 right
 * answers to hand-written scenarios. Figures: server/training/model/README.md, "Words the model
 * never saw".
 */
export const MIN_KNOWN_WORD_SHARE = 0.4;

/** Column of a word unigram in the vocabulary, or -1. */
export type WordColumn = (token: string) => number;

export interface KnownWords {
  share(tokens: readonly string[]): number;
  /**
   * The words no training example used, each once, in the order they come (placeholder words
   * for ids, numbers, e-mails and URLs left out: they stand for values, not words); none in
   * hashing mode.
   */
  unknown(tokens: readonly string[]): string[];
}

export interface Vocabulary {
  /** Word columns come first: 0 … wordCount − 1. */
  wordCount: number;
  idf: Float32Array;
}

export function knownWords(vocabulary: Vocabulary, column: WordColumn | null): KnownWords {
  // Hashing mode has no vocabulary: every word lands in some bucket, so nothing is unknown.
  if (!column) return { share: () => 1, unknown: () => [] };
  const { wordCount, idf } = vocabulary;
  let unknownIdf = 0;
  for (let i = 0; i < wordCount; i++) unknownIdf = Math.max(unknownIdf, idf[i] ?? 0);
  return {
    share(tokens) {
      let known = 0;
      let total = 0;
      for (const token of tokens) {
        const c = column(token);
        const weight = c >= 0 ? (idf[c] ?? 0) : unknownIdf;
        total += weight;
        if (c >= 0) known += weight;
      }
      // No words at all (empty or punctuation only): nothing is known.
      return total > 0 ? known / total : 0;
    },
    unknown(tokens) {
      const words = new Set<string>();
      for (const token of tokens) {
        if (column(token) < 0 && !PLACEHOLDER_TOKENS.has(token)) words.add(token);
      }
      return [...words];
    },
  };
}

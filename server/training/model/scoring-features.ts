/**
 * The features `scoreText` reads, through the token featuriser (featurize-tokens.ts) instead of
 * `featurizer.transformText`: the same numbers to the last bit (model.test.ts), 4–6× faster on
 * BANKING77's test messages (134 → 35 µs a text with the 10-shot model, 82 → 14 µs with the
 * full one), which is about half of scoring a suggestion's message.
 *
 * One per featuriser, kept beside it (WeakMap): built in pieces while a model loads
 * (serialize.ts), so a web process serves requests meanwhile, or on first use elsewhere (a model
 * just trained). It holds its own term index and scratch arrays (≈ 72 bytes a term: 2.5 MB for
 * the full BANKING77 model's 33,962 terms, measured with --expose-gc over five builds) and the columns of up to MAX_CACHED_WORDS words.
 */
import type { Featurizer, FeaturizerState } from "./featurize";
import { tokensOf } from "./featurize";
import {
  MAX_CACHED_WORDS,
  type TokenFeaturizer,
  tokenFeaturizer,
  tokenFeaturizerSteps,
} from "./featurize-tokens";
import type { SparseRow } from "./sparse";
import type { Steps } from "./steps";

const built = new WeakMap<Featurizer, TokenFeaturizer>();

/**
 * Builds the featuriser's scoring path in pieces (a model load), unless it has one, and returns
 * its token featuriser: the load's neighbour rows (knn-rows.ts) are written through it too, so a
 * load indexes the vocabulary once and scoring starts with the training words' columns cached.
 */
export function* prepareScoringFeaturesSteps(featurizer: Featurizer): Steps<TokenFeaturizer> {
  const existing = built.get(featurizer);
  if (existing) return existing;
  const fast = yield* tokenFeaturizerSteps(featurizer, featurizer.embeddings);
  built.set(featurizer, fast);
  return fast;
}

/** As `featurizer.transformText(text)`, bit for bit. */
export function scoringFeatures(
  featurizer: Featurizer,
  text: string,
): { row: SparseRow; knownWordShare: number } {
  let fast = built.get(featurizer);
  if (!fast) {
    fast = tokenFeaturizer(featurizer, featurizer.embeddings);
    built.set(featurizer, fast);
  }
  const tokens = tokensOf(text, featurizer.state.config);
  const length = fast.fill(tokens);
  return {
    row: { indices: fast.out.indices.slice(0, length), values: fast.out.values.slice(0, length) },
    knownWordShare: fast.knownWordShare(tokens),
  };
}

/**
 * What a featuriser's scoring path holds at most (measured, rounded up): an index entry per
 * vocabulary term (none when hashing), a count and a scratch slot per sparse column (2^hashBits
 * when hashing), and the word cache.
 */
export function scoringFeaturesBytes(state: FeaturizerState): number {
  return 60 * state.terms.length + 12 * state.sparseCount + 220 * MAX_CACHED_WORDS;
}

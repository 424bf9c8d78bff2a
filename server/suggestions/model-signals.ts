/**
 * What the deployed model's prediction contributes to a suggestion: each active template's
 * calibrated probability, the template an intent trigger may fire on, and what the answer needs
 * to explain itself (how familiar the words were, whether the model said "out of scope").
 */

import { isTopicWord } from "@/server/analysis/stopwords";
import { MIN_KNOWN_WORD_SHARE } from "@/server/training/model/known-words";
import type { IntentModel, TextScores } from "@/server/training/model/model";
import { INTENT_TRIGGER_MIN_PROBABILITY } from "./intent-names";
import type { LoadedModel } from "./model-cache";

export interface ModelSignals {
  /** Template id → the model's probability, for the active templates it knows. */
  probabilities: ReadonlyMap<string, number>;
  /** The model's first template, when an intent trigger may restate it; else null. */
  topIntent: string | null;
  /** The model's probability of `topIntent` (0 when null): what an intent trigger is worth. */
  topIntentProbability: number;
  /** 1 without a model: nothing is unfamiliar when triggers and text are all there is. */
  knownWordShare: number;
  predictedOutOfScope: boolean;
}

export const NO_MODEL_SIGNALS: ModelSignals = {
  probabilities: new Map(),
  topIntent: null,
  topIntentProbability: 0,
  knownWordShare: 1,
  predictedOutOfScope: false,
};

/**
 * Straight from the scores, in label order: what `predictionFromScores` says through its sorted
 * candidates (the out-of-scope label is none; the first is the highest probability, the lower
 * label index on a tie), without building and sorting an object per label on every request
 * (77–1,000 labels; the answer needs a map and its first entry). model-signals.test.ts checks
 * it against `predictionFromScores` on random scores with ties and an out-of-scope label.
 */
export function modelSignals(
  loaded: {
    model: Pick<IntentModel, "labels" | "outOfScopeLabel">;
    templateIds: LoadedModel["templateIds"];
  },
  scores: Pick<TextScores, "p" | "knownWordShare">,
  isActive: (templateId: string) => boolean,
): ModelSignals {
  const { p, knownWordShare } = scores;
  const { labels, outOfScopeLabel } = loaded.model;
  const probabilities = new Map<string, number>();
  let top = -1;
  let argmax = 0;
  for (let k = 0; k < labels.length; k++) {
    const probability = p[k] ?? 0;
    if (probability > (p[argmax] ?? 0)) argmax = k;
    const label = labels[k] as string;
    if (label === outOfScopeLabel) continue;
    if (top === -1 || probability > (p[top] ?? 0)) top = k;
    const templateId = loaded.templateIds[k] ?? label;
    if (isActive(templateId)) probabilities.set(templateId, probability);
  }
  const predictedOutOfScope = labels[argmax] === outOfScopeLabel;
  const topProbability = top === -1 ? 0 : (p[top] ?? 0);
  // An intent trigger is the model's guess restated: not for words the model never saw.
  const intentMayFire =
    top !== -1 &&
    !predictedOutOfScope &&
    knownWordShare >= MIN_KNOWN_WORD_SHARE &&
    topProbability >= INTENT_TRIGGER_MIN_PROBABILITY;
  const topIntent = intentMayFire ? (loaded.templateIds[top] ?? (labels[top] as string)) : null;
  return {
    probabilities,
    topIntent,
    topIntentProbability: topIntent ? topProbability : 0,
    knownWordShare,
    predictedOutOfScope,
  };
}

/** How many of a declined message's unfamiliar words the answer names. */
export const MAX_UNFAMILIAR_WORDS = 10;

/**
 * The message's words the model never saw (known-words.ts), for an answer declined as
 * `unfamiliar_words`: words that say what it is about before greetings and function words
 * ("lasagne" before "and"). Both count against the known share, but the first are what the
 * training data lacks.
 */
export function unfamiliarWordsOf(loaded: Pick<LoadedModel, "model">, message: string): string[] {
  const words = loaded.model.featurizer.unknownWords(message);
  return [...words.filter(isTopicWord), ...words.filter((w) => !isTopicWord(w))].slice(
    0,
    MAX_UNFAMILIAR_WORDS,
  );
}

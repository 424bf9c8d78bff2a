/**
 * What the deployed model's prediction contributes to a suggestion: each active template's
 * calibrated probability, the template an intent trigger may fire on, and what the answer needs
 * to explain itself (how familiar the words were, whether the model said "out of scope").
 */

import { isTopicWord } from "@/server/analysis/stopwords";
import { MIN_KNOWN_WORD_SHARE } from "@/server/training/model/known-words";
import type { Prediction } from "@/server/training/model/model";
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

export function modelSignals(
  prediction: Prediction,
  loaded: Pick<LoadedModel, "templateOf">,
  isActive: (templateId: string) => boolean,
): ModelSignals {
  const probabilities = new Map<string, number>();
  for (const { label, probability } of prediction.candidates) {
    const templateId = loaded.templateOf.get(label);
    if (templateId && isActive(templateId)) probabilities.set(templateId, probability);
  }
  const top = prediction.candidates[0];
  // An intent trigger is the model's guess restated: not for words the model never saw.
  const intentMayFire =
    top !== undefined &&
    !prediction.predictedOutOfScope &&
    prediction.knownWordShare >= MIN_KNOWN_WORD_SHARE &&
    top.probability >= INTENT_TRIGGER_MIN_PROBABILITY;
  const topIntent = intentMayFire ? (loaded.templateOf.get(top.label) ?? null) : null;
  return {
    probabilities,
    topIntent,
    topIntentProbability: topIntent && top ? top.probability : 0,
    knownWordShare: prediction.knownWordShare,
    predictedOutOfScope: prediction.predictedOutOfScope,
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

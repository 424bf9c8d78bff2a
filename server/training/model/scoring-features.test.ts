import { describe, expect, it } from "vitest";
import { loadWordVectors } from "./embeddings";
import {
  DEFAULT_FEATURIZER,
  type Featurizer,
  type FeaturizerConfig,
  fitFeaturizer,
  MODEL_TEXT_LIMIT,
} from "./featurize";
import { MAX_CACHED_WORDS } from "./featurize-tokens";
import { banking77Slice } from "./fixtures/banking77-slice";
import { scoringFeatures } from "./scoring-features";

const training = banking77Slice().map((row) => row.text);
const messages = [
  ...training.slice(0, 40),
  "",
  "?!",
  "qwzx vlorp grimble",
  "I can't use my card's PIN at the ATM, id AB12345, mail me at jo@example.com 🎉",
  // Longer than what the model reads: only its first MODEL_TEXT_LIMIT characters count.
  `${"my card payment was declined twice ".repeat(60)} and then I wanted a refund`,
];

function expectSameFeatures(featurizer: Featurizer, text: string) {
  const expected = featurizer.transformText(text);
  const actual = scoringFeatures(featurizer, text);
  expect(Array.from(actual.row.indices)).toEqual(Array.from(expected.row.indices));
  expect(Array.from(actual.row.values)).toEqual(Array.from(expected.row.values));
  expect(actual.knownWordShare).toBe(expected.knownWordShare);
}

describe("scoringFeatures (what scoreText reads)", () => {
  const cases: [string, FeaturizerConfig][] = [
    ["the model's defaults, with word vectors", DEFAULT_FEATURIZER],
    ["mean pooling", { ...DEFAULT_FEATURIZER, embeddingPooling: "mean" }],
    ["hashing", { ...DEFAULT_FEATURIZER, mode: "hashing", hashBits: 12 }],
    ["char n-grams across words", { ...DEFAULT_FEATURIZER, charMode: "char", embeddingWeight: 0 }],
  ];
  for (const [name, config] of cases) {
    it(`gives featurizer.transformText's row and known-word share bit for bit (${name})`, () => {
      const featurizer = fitFeaturizer(training, config, loadWordVectors());
      expect(messages.at(-1)?.length).toBeGreaterThan(MODEL_TEXT_LIMIT);
      for (const text of messages) expectSameFeatures(featurizer, text);
    }, 60_000);
  }

  it("stays exact once more distinct words than it caches have gone through", () => {
    const featurizer = fitFeaturizer(training, DEFAULT_FEATURIZER, loadWordVectors());
    const sample = messages.slice(0, 5);
    for (const text of sample) expectSameFeatures(featurizer, text);
    for (let i = 0; i <= MAX_CACHED_WORDS; i += 50) {
      const words = Array.from({ length: 50 }, (_, j) => `word${(i + j).toString(36)}x`);
      scoringFeatures(featurizer, words.join(" "));
    }
    for (const text of sample) expectSameFeatures(featurizer, text);
  }, 60_000);
});

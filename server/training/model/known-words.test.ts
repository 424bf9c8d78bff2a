import { describe, expect, it } from "vitest";
import { DEFAULT_FEATURIZER, fitFeaturizer } from "./featurize";
import { knownWords, MIN_KNOWN_WORD_SHARE } from "./known-words";
import { type IntentModel, predictionFromScores } from "./model";

describe("knownWords", () => {
  // Columns: "my" (idf 1, in every text), "card" (2), "refund" (3: the rarest known word).
  const vocabulary = new Map([
    ["my", 0],
    ["card", 1],
    ["refund", 2],
  ]);
  const idf = Float32Array.of(1, 2, 3, 9 /* a char column: not a word, ignored */);
  const known = knownWords({ idf, wordCount: 3 }, (t: string) => vocabulary.get(t) ?? -1);

  it("weighs words by idf and counts an unknown word at the rarest known word's idf", () => {
    expect(known.share(["my", "card"])).toBe(1);
    expect(known.share(["bitcoin", "crypto"])).toBe(0);
    // A stop word does not make an unknown message known: 1 / (1 + 3 + 3).
    expect(known.share(["my", "bitcoin", "crypto"])).toBeCloseTo(1 / 7, 12);
    // One rare known word among unknown ones: 3 / (3 + 3).
    expect(known.share(["refund", "bitcoin"])).toBeCloseTo(0.5, 12);
  });

  it("lists the unknown words once each, in order, without placeholder words", () => {
    expect(
      known.unknown(["my", "bitcoin", "card", "crypto", "bitcoin", "idtoken", "numtoken"]),
    ).toEqual(["bitcoin", "crypto"]);
    expect(known.unknown(["my", "card"])).toEqual([]);
    expect(knownWords({ idf, wordCount: 3 }, null).unknown(["anything"])).toEqual([]);
  });

  it("knows nothing of a text without words, and everything in hashing mode", () => {
    expect(known.share([])).toBe(0);
    expect(knownWords({ idf, wordCount: 3 }, null).share(["anything", "at", "all"])).toBe(1);
  });

  it("agrees with the featuriser's transformText", () => {
    const f = fitFeaturizer(
      ["my card has not arrived", "I want a refund", "my card was declined"],
      { ...DEFAULT_FEATURIZER, embeddingWeight: 0 },
    );
    expect(f.transformText("My card arrived").knownWordShare).toBe(1);
    expect(f.transformText("buy bitcoin crypto").knownWordShare).toBe(0);
    const mixed = f.transformText("my card and bitcoin").knownWordShare;
    expect(mixed).toBeGreaterThan(0);
    expect(mixed).toBeLessThan(1);
    expect(f.transformText("My card arrived").row).toEqual(f.transform("My card arrived"));
    // Normalised words: lower case, the order number a placeholder (not listed).
    expect(f.unknownWords("Buy BITCOIN for order 12345678, my card")).toEqual([
      "buy",
      "bitcoin",
      "for",
      "order",
    ]);
  });
});

describe("a prediction's known-word gate", () => {
  const model = { labels: ["a", "b"], outOfScopeLabel: null, threshold: 0.6 } as Pick<
    IntentModel,
    "labels" | "outOfScopeLabel" | "threshold"
  >;
  const scores = (knownWordShare: number) => ({
    p: Float64Array.of(0.95, 0.05),
    known: true,
    knownWordShare,
    missing: false,
  });

  it("declines a probable answer when too few of the message's words are known", () => {
    expect(predictionFromScores(model, scores(1), 2).confident).toBe(true);
    expect(predictionFromScores(model, scores(MIN_KNOWN_WORD_SHARE), 2).confident).toBe(true);
    const below = predictionFromScores(model, scores(MIN_KNOWN_WORD_SHARE - 0.01), 2);
    expect(below.confident).toBe(false);
    // The ranking is unchanged: the candidates are still listed, marked by the caller.
    expect(below.candidates.map((c) => c.label)).toEqual(["a", "b"]);
  });
});

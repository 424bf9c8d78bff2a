/**
 * Batch prediction must give what per-text `predict` gives: trained on the BANKING77 slice
 * (fixtures/README.md), compared on its test rows plus odd inputs, for the default featuriser,
 * the word-vector block, the hashing mode and an out-of-scope label.
 */
import { describe, expect, it } from "vitest";
import { loadWordVectors } from "./embeddings";
import { banking77Slice } from "./fixtures/banking77-slice";
import { predict } from "./model";
import { normalizeText, tokenize } from "./normalize";
import { predictBatch } from "./predict-batch";
import { DEFAULT_TRAINING, type TrainingConfig, type TrainingExample, trainModel } from "./train";

const train: TrainingExample[] = [];
const test: string[] = [];
for (const { text, label, split } of banking77Slice()) {
  if (split === "train") train.push({ text, label });
  else test.push(text);
}
const texts = [
  ...test,
  "",
  "!!!",
  "zzqx vvbn",
  "I can't see my card's PIN, order 113542617735902",
  "card card card card",
  "ＣＡＲＤ ａｒｒｉｖａｌ",
  "buy bitcoin crypto with my card",
];
const quick: TrainingConfig = { ...DEFAULT_TRAINING, epochs: 4, refit: false };

function expectSame(config: TrainingConfig, data: TrainingExample[] = train) {
  const embeddings = loadWordVectors();
  const model = trainModel(data, config, { embeddings });
  const { predictions, tokens } = predictBatch(model, texts, { tokens: true, limit: 3 });
  expect(predictions).toHaveLength(texts.length);
  let confident = 0;
  texts.forEach((text, i) => {
    const one = predict(model, text, 3);
    const batch = predictions[i];
    expect(batch?.confident).toBe(one.confident);
    expect(batch?.predictedOutOfScope).toBe(one.predictedOutOfScope);
    expect(batch?.knownWordShare).toBe(one.knownWordShare);
    expect(Math.abs((batch?.topProbability ?? -1) - one.topProbability)).toBeLessThan(1e-9);
    expect(batch?.candidates.map((c) => c.label)).toEqual(one.candidates.map((c) => c.label));
    one.candidates.forEach((c, k) => {
      expect(Math.abs((batch?.candidates[k]?.probability ?? -1) - c.probability)).toBeLessThan(
        1e-9,
      );
    });
    if (one.confident) confident++;
    expect(tokens?.[i]).toEqual(tokenize(normalizeText(text)));
  });
  // The comparison covers both answers, not only one kind.
  expect(confident).toBeGreaterThan(0);
  expect(confident).toBeLessThan(texts.length);
  return model;
}

describe("predictBatch", () => {
  it("equals predict on BANKING77 rows (default featuriser)", () => {
    const model = expectSame(quick);
    // 40 rows per label: the default leaves the word-vector block off.
    expect(model.featurizer.state.config.embeddingWeight).toBe(0);
  }, 60_000);

  it("equals predict with the word-vector block", () => {
    const model = expectSame({ ...quick, wordVectorsBelowPerLabel: Number.POSITIVE_INFINITY });
    expect(model.featurizer.state.config.embeddingWeight).toBeGreaterThan(0);
  }, 60_000);

  it("equals predict in hashing mode", () => {
    expectSame({
      ...quick,
      featurizer: { ...quick.featurizer, mode: "hashing", hashBits: 14, embeddingWeight: 0 },
    });
  }, 60_000);

  it("equals predict with an out-of-scope label and one candidate", () => {
    const label = train[0]?.label ?? "";
    const embeddings = loadWordVectors();
    const model = trainModel(train, { ...quick, outOfScopeLabel: label }, { embeddings });
    const { predictions, tokens } = predictBatch(model, texts, { limit: 1 });
    expect(tokens).toBeUndefined();
    let outOfScope = 0;
    texts.forEach((text, i) => {
      const one = predict(model, text, 1);
      expect(predictions[i]?.candidates).toEqual(one.candidates);
      expect(predictions[i]?.confident).toBe(one.confident);
      if (one.predictedOutOfScope) outOfScope++;
      expect(predictions[i]?.candidates.some((c) => c.label === label)).toBe(false);
    });
    expect(outOfScope).toBeGreaterThan(0);
  }, 60_000);
});

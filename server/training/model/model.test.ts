import { describe, expect, it } from "vitest";
import { DEFAULT_FEATURIZER } from "./featurize";
import { modelMemoryBytes, predict, probabilities } from "./model";
import { deserializeModel, serializeModel } from "./serialize";
import { DEFAULT_TRAINING, type TrainingConfig, type TrainingExample, trainModel } from "./train";

/** Three clearly separable intents, phrased a few ways each (real support phrasing). */
const phrasings: Record<string, string[]> = {
  card_lost: [
    "I lost my card",
    "my card was stolen",
    "someone stole my card yesterday",
    "I can't find my card anywhere",
    "lost card, please block it",
    "my wallet with the card is gone",
    "card missing, what do I do",
    "I think I lost my debit card",
    "please freeze my stolen card",
    "where do I report a lost card",
  ],
  refund: [
    "I want a refund",
    "please refund my order",
    "how do I get my money back",
    "refund the purchase I returned",
    "can I have a refund for this",
    "money back for the broken item",
    "I was charged, I want the money back",
    "when will my refund arrive",
    "return the item and refund me",
    "request a refund please",
  ],
  password: [
    "I forgot my password",
    "reset my password",
    "I can't log in, password wrong",
    "how do I change my password",
    "password reset link not working",
    "locked out of my account password",
    "new password please",
    "my password expired",
    "forgot login password",
    "change the password on my account",
  ],
};
const examples: TrainingExample[] = Object.entries(phrasings).flatMap(([label, texts]) =>
  texts.map((text) => ({ text, label })),
);
const config: TrainingConfig = { ...DEFAULT_TRAINING, epochs: 30, heldOutFraction: 0.2 };

describe("trained model", () => {
  const model = trainModel(examples, config);

  it("gives probabilities that sum to 1 over the labels", () => {
    for (const text of ["lost card", "refund", "qwzx", ""]) {
      const p = probabilities(model, text);
      expect(p.length).toBe(3);
      expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
    }
  });

  it("is confident on a message like its training data", () => {
    const p = predict(model, "I lost my card, please block it");
    expect(p.candidates[0]?.label).toBe("card_lost");
    expect(p.confident).toBe(true);
    expect(p.topProbability).toBeGreaterThan(0.6);
  });

  it("says no confident suggestion for gibberish", () => {
    for (const text of ["xqzv bnmk wprt", "zzzzzz", "🙂🙂🙂"]) {
      const p = predict(model, text);
      expect(p.confident).toBe(false);
      expect(p.topProbability).toBeLessThan(model.threshold);
    }
  });

  it("records held-out metrics, temperature and a threshold", () => {
    expect(model.metrics.heldOut?.rows).toBe(6);
    expect(model.metrics.refit).toBe(true);
    expect(model.temperature).toBeGreaterThan(0);
    expect(model.threshold).toBeGreaterThanOrEqual(0.6); // min(0.6, 2 / 3 labels)
  });

  it("round-trips through bytes with f32 weights exactly", () => {
    const bytes = serializeModel(model, "f32");
    const loaded = deserializeModel(bytes);
    expect(loaded.labels).toEqual(model.labels);
    expect(loaded.threshold).toBe(model.threshold);
    expect(loaded.metrics).toEqual(model.metrics);
    expect([...loaded.classifier.weights]).toEqual([...model.classifier.weights]);
    for (const text of ["refund please", "my card is gone"]) {
      expect([...probabilities(loaded, text)]).toEqual([...probabilities(model, text)]);
    }
    expect(modelMemoryBytes(loaded)).toBeGreaterThan(model.classifier.weights.byteLength);
  });

  it("round-trips with int8 weights to the same predictions, in about a quarter of the bytes", () => {
    const f32 = serializeModel(model, "f32");
    const int8 = serializeModel(model, "int8-row");
    const loaded = deserializeModel(int8);
    // int8 stores one f32 scale per feature plus one byte per weight, instead of 4 bytes.
    const { features, weights } = model.classifier;
    // (give or take the header: its weightEncoding string differs, and padding to 4 bytes)
    const saved = weights.length * 4 - (features * 4 + weights.length);
    expect(Math.abs(f32.length - int8.length - saved)).toBeLessThanOrEqual(8);
    for (const text of ["refund please", "my card is gone", "forgot password"]) {
      const a = probabilities(model, text);
      const b = probabilities(loaded, text);
      for (const [k, v] of a.entries()) expect(b[k]).toBeCloseTo(v, 2);
    }
  });

  it("uses word vectors only when labels have few examples (median below the setting)", () => {
    // 10 per label here, below the default 40: the 200 pooled dimensions follow the n-grams.
    expect(model.featurizer.state.config.embeddingWeight).toBe(1);
    expect(model.featurizer.dimension).toBe(model.featurizer.state.sparseCount + 200);
    const without = trainModel(examples, { ...config, wordVectorsBelowPerLabel: 10 });
    expect(without.featurizer.state.config.embeddingWeight).toBe(0);
    expect(without.featurizer.dimension).toBe(without.featurizer.state.sparseCount);
  });

  it("rejects bytes that are not a model", () => {
    expect(() => deserializeModel(new Uint8Array(20))).toThrow(/bad magic/);
  });

  it("trains in hashing mode too", () => {
    const hashed = trainModel(examples, {
      ...config,
      featurizer: { ...DEFAULT_FEATURIZER, mode: "hashing", hashBits: 12 },
    });
    expect(predict(hashed, "please refund my order").candidates[0]?.label).toBe("refund");
    const loaded = deserializeModel(serializeModel(hashed));
    expect(predict(loaded, "please refund my order").candidates[0]?.label).toBe("refund");
  });

  it("reports progress that never decreases and ends at 1, and can be cancelled", () => {
    const fractions: number[] = [];
    trainModel(examples, config, {
      onProgress: (p) => {
        fractions.push(p.fraction);
        return true;
      },
    });
    expect(fractions.length).toBeGreaterThan(config.epochs);
    expect(fractions.every((f, i) => i === 0 || f >= (fractions[i - 1] ?? 0))).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    expect(() => trainModel(examples, config, { onProgress: (p) => p.fraction < 0.3 })).toThrow(
      /cancelled/,
    );
  });
});

describe("a model with out-of-scope examples", () => {
  const outOfScope = [
    "what is the weather tomorrow",
    "tell me a joke",
    "who won the football game",
    "play some music",
    "how tall is the eiffel tower",
    "what time is it in tokyo",
    "recommend a good movie",
    "how do I bake bread",
    "what's the capital of peru",
    "set an alarm for 7",
  ].map((text) => ({ text, label: "oos" }));
  const model = trainModel([...examples, ...outOfScope], {
    ...config,
    outOfScopeLabel: "oos",
  });

  it("never offers the out-of-scope label as a candidate, and is not confident on such text", () => {
    const p = predict(model, "tell me a joke about the weather");
    expect(p.predictedOutOfScope).toBe(true);
    expect(p.confident).toBe(false);
    expect(p.candidates.map((c) => c.label)).not.toContain("oos");
    expect(predict(model, "please refund my order").confident).toBe(true);
  });

  it("keeps at least the in-scope rows' threshold and reports out-of-scope figures", () => {
    // Both held-out out-of-scope rows are predicted out of scope, so accuracy alone would take
    // the floor (2 / labels); the in-scope rows' rule holds the threshold above it.
    const heldOut = model.metrics.heldOut;
    expect(heldOut?.outOfScope?.rows).toBe(2);
    expect(heldOut?.outOfScope?.recall).toBe(1);
    expect(model.threshold).toBeGreaterThan(2 / model.labels.length);
    expect(predict(model, "xqzv bnmk wprt").confident).toBe(false);
  });
});

describe("the linear SVM and the ensemble as classifiers", () => {
  // 10 per label: below the default softmaxBelowPerLabel, so that rule is turned off here.
  const svm = trainModel(examples, { ...config, optimizer: "svm", softmaxBelowPerLabel: 0 });
  const ensemble = trainModel(examples, {
    ...config,
    optimizer: "ensemble",
    softmaxBelowPerLabel: 0,
  });

  it("rank the right intent first, confidently, and refuse gibberish", () => {
    for (const model of [svm, ensemble]) {
      const p = predict(model, "I lost my card, please block it");
      expect(p.candidates[0]?.label).toBe("card_lost");
      expect(p.confident).toBe(true);
      expect(predict(model, "xqzv bnmk wprt").confident).toBe(false);
      const sum = probabilities(model, "refund").reduce((s, v) => s + v, 0);
      expect(sum).toBeCloseTo(1, 9);
    }
  });

  it("fall back to the softmax alone below softmaxBelowPerLabel examples per label", () => {
    const small = trainModel(examples, {
      ...config,
      optimizer: "ensemble",
      softmaxBelowPerLabel: 11,
    });
    expect((small.config as { optimizer: string }).optimizer).toBe("sgd");
    expect((ensemble.config as { optimizer: string }).optimizer).toBe("ensemble");
  });

  it("scale the SVM's decision values by a temperature below 1, and load from bytes", () => {
    expect(svm.temperature).toBeLessThan(1); // decision values ≈ ±1 need sharpening
    const loaded = deserializeModel(serializeModel(ensemble, "f32"));
    expect([...probabilities(loaded, "forgot password")]).toEqual([
      ...probabilities(ensemble, "forgot password"),
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { INTENT_MESSAGES } from "@/test/suggestion-model";
import { transformAll } from "./featurize";
import { buildKnnIndex } from "./knn";
import { type IntentModel, probabilities } from "./model";
import { deserializeModel, deserializeModelAsync, serializeModel } from "./serialize";
import { DEFAULT_TRAINING, type TrainingExample, trainModel } from "./train";

const examples: TrainingExample[] = Object.entries(INTENT_MESSAGES).flatMap(([label, texts]) =>
  texts.map((text) => ({ text, label })),
);
const messages = [
  "my card still has not come",
  "I want my money back",
  "how do I reset my password",
  "CAN'T log in!!! order 12345678",
  "qwzx",
  "",
];
const knn = { k: 3, tau: 0.05, beta: 0.3, maxDfFraction: 0.5, minPerLabel: 1 };

function expectSameProbabilities(a: IntentModel, b: IntentModel) {
  for (const text of messages) {
    const pa = Array.from(probabilities(a, text));
    const pb = Array.from(probabilities(b, text));
    expect(pb.length).toBe(pa.length);
    // Bit for bit: Object.is tells 0 from -0 and compares NaN with itself.
    for (const [i, v] of pa.entries()) expect(Object.is(pb[i], v)).toBe(true);
  }
}

describe("deserializeModelAsync", () => {
  for (const vectors of [false, true]) {
    it(`loads a format-2 model as deserializeModel does (word vectors ${vectors ? "on" : "off"})`, async () => {
      const model = trainModel(examples, {
        ...DEFAULT_TRAINING,
        refit: false,
        wordVectorsBelowPerLabel: vectors ? 1e9 : 0,
        knn,
      });
      expect(model.knn).toBeDefined();
      const bytes = serializeModel(model);
      const sync = deserializeModel(bytes);
      const sliced = await deserializeModelAsync(bytes, undefined, 0);
      expect(sliced.knn?.index).toEqual(sync.knn?.index);
      expect(sliced.classifier).toEqual(sync.classifier);
      expectSameProbabilities(sync, sliced);
      // The index rebuilt on load is the one of the rows as `transform` featurises them.
      const reference = buildKnnIndex(
        transformAll(sync.featurizer, sync.knn?.texts ?? []),
        sync.knn?.labels ?? new Int32Array(),
        sync.labels.length,
        sync.featurizer.state.sparseCount,
        knn.maxDfFraction,
      );
      expect(sync.knn?.index).toEqual(reference);
    });
  }

  it("gives the event loop turns while it loads", async () => {
    const model = trainModel(examples, { ...DEFAULT_TRAINING, refit: false, knn });
    const bytes = serializeModel(model);
    let turns = 0;
    let loading = true;
    const tick = () => {
      turns++;
      if (loading) setImmediate(tick);
    };
    setImmediate(tick);
    await deserializeModelAsync(bytes, undefined, 0).finally(() => {
      loading = false;
    });
    expect(turns).toBeGreaterThan(3);
  });

  it("loads a format-1 model (no neighbour part) as deserializeModel does", async () => {
    const model = trainModel(examples, { ...DEFAULT_TRAINING, refit: false });
    expect(model.knn).toBeUndefined();
    for (const encoding of ["f32", "int8-row"] as const) {
      const bytes = serializeModel(model, encoding);
      const sliced = await deserializeModelAsync(bytes);
      expect(sliced.knn).toBeUndefined();
      expectSameProbabilities(deserializeModel(bytes), sliced);
    }
  });

  it("rejects what deserializeModel rejects", async () => {
    await expect(deserializeModelAsync(new Uint8Array(20))).rejects.toThrow(/bad magic/);
  });
});

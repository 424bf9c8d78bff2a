import { describe, expect, it } from "vitest";
import { appendDense, denseBlock } from "./extra-dense";
import { predict, probabilities } from "./model";
import { predictBatch } from "./predict-batch";
import { deserializeModel, serializeModel } from "./serialize";
import { DEFAULT_TRAINING, type TrainingConfig, type TrainingExample, trainModel } from "./train";

const LABELS = ["card", "refund", "password"] as const;
/**
 * Texts that say nothing about the label (the same few words for every label), and vectors that
 * do: a direction per label plus a little noise. Only the dense block can separate them.
 */
const texts = ["hi there", "hello, a question", "good morning", "hey, can you help"];
function vectorFor(label: number, i: number): number[] {
  const v = [0.1 * Math.sin(i), 0.1 * Math.cos(i), 0.05 * ((i % 3) - 1), 0.02];
  v[label] = (v[label] ?? 0) + 1;
  return v;
}
const rows = LABELS.flatMap((label, k) =>
  Array.from({ length: 12 }, (_, i) => ({
    example: { text: texts[i % texts.length] ?? "", label } as TrainingExample,
    vector: vectorFor(k, i),
  })),
);
const examples = rows.map((r) => r.example);
const config: TrainingConfig = {
  ...DEFAULT_TRAINING,
  epochs: 30,
  wordVectorsBelowPerLabel: 0,
};

describe("extra dense block", () => {
  const plain = trainModel(examples, config);
  const dense = trainModel(examples, config, {
    extraDense: { model: "mock/mock-embed", vectors: rows.map((r) => r.vector) },
  });

  it("scales each vector to unit length times the weight and rejects unusable ones", () => {
    const block = denseBlock([3, 4], { dims: 2, weight: 2 });
    expect(Array.from(block ?? [])).toEqual([1.2000000476837158, 1.600000023841858]);
    expect(denseBlock([3, 4], { dims: 3, weight: 1 })).toBeNull();
    expect(denseBlock([0, 0], { dims: 2, weight: 1 })).toBeNull();
    expect(denseBlock(null, { dims: 2, weight: 1 })).toBeNull();
    const row = appendDense(
      { indices: Int32Array.of(1), values: Float32Array.of(0.5) },
      10,
      Float32Array.of(0.6, 0.8),
    );
    expect(Array.from(row.indices)).toEqual([1, 10, 11]);
  });

  it("records the block and learns from it when the words carry no signal", () => {
    expect(plain.extraDense).toBeUndefined();
    expect(dense.extraDense).toEqual({ model: "mock/mock-embed", dims: 4, weight: 1 });
    expect(dense.classifier.features).toBe(dense.featurizer.dimension + 4);
    LABELS.forEach((label, k) => {
      const prediction = predict(dense, "hello, a question", 3, vectorFor(k, 100));
      expect(prediction.candidates[0]?.label).toBe(label);
      expect(prediction.extraDenseMissing).toBeUndefined();
    });
  });

  it("scores a missing or wrong-sized vector as zeros and flags it", () => {
    const missing = predict(dense, "hello, a question", 3);
    expect(missing.extraDenseMissing).toBe(true);
    const wrongSize = predict(dense, "hello, a question", 3, [1, 0]);
    expect(wrongSize.extraDenseMissing).toBe(true);
    expect(Array.from(probabilities(dense, "hello, a question", [1, 0]))).toEqual(
      Array.from(probabilities(dense, "hello, a question")),
    );
  });

  it("is left at zero by batch prediction (conversation analysis): words alone, as predict without a vector", () => {
    const texts = ["hello, a question", "good morning", "refund my card password"];
    const batch = predictBatch(dense, texts).predictions;
    texts.forEach((text, i) => {
      const single = predict(dense, text);
      expect(batch[i]?.candidates).toEqual(single.candidates);
      expect(batch[i]?.topProbability).toBe(single.topProbability);
    });
  });

  it("round-trips through the artefact", () => {
    for (const encoding of ["f32", "int8-row"] as const) {
      const back = deserializeModel(serializeModel(dense, encoding));
      expect(back.extraDense).toEqual(dense.extraDense);
      const vector = vectorFor(1, 7);
      const a = probabilities(dense, "good morning", vector);
      const b = probabilities(back, "good morning", vector);
      a.forEach((p, k) => {
        expect(b[k]).toBeCloseTo(p, encoding === "f32" ? 5 : 1);
      });
      expect(predict(back, "good morning", 1, vector).candidates[0]?.label).toBe("refund");
    }
  });

  it("leaves a model without the block byte-identical and ignores vectors given to it", () => {
    // The only run-to-run difference is the measured training time.
    const timeless = (m: typeof plain) =>
      serializeModel({ ...m, metrics: { ...m.metrics, trainSeconds: 0 } });
    const bytes = timeless(plain);
    expect(timeless(trainModel(examples, config, {}))).toEqual(bytes);
    expect(new TextDecoder().decode(bytes)).not.toContain("extraDense");
    expect(Array.from(probabilities(plain, "good morning", vectorFor(0, 1)))).toEqual(
      Array.from(probabilities(plain, "good morning")),
    );
    expect(predict(plain, "good morning").extraDenseMissing).toBeUndefined();
  });

  it("refuses vectors that do not match the examples", () => {
    expect(() =>
      trainModel(examples, config, { extraDense: { model: "m", vectors: [[1, 0, 0, 0]] } }),
    ).toThrow(/one per example/);
  });
});

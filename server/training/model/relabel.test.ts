import { describe, expect, it } from "vitest";
import { predict } from "./model";
import { relabelModel } from "./relabel";
import { deserializeModel, serializeModel } from "./serialize";
import { DEFAULT_TRAINING, trainModel } from "./train";

const texts: Record<string, string[]> = {
  card: [
    "i lost my card",
    "my card was stolen",
    "block my lost card",
    "card missing",
    "freeze my card",
  ],
  refund: [
    "i want a refund",
    "refund my order",
    "money back please",
    "refund the purchase",
    "where is my refund",
  ],
  oos: [
    "tell me a joke",
    "what is the weather",
    "play some music",
    "who won the game",
    "bake bread",
  ],
};
const examples = Object.entries(texts).flatMap(([label, list]) =>
  list.map((text) => ({ text, label })),
);
const ids: Record<string, string> = { card: "id-zz", refund: "id-aa", oos: "id-mm" };
const rename = (label: string) => ids[label] ?? `unknown ${label}`;

describe("relabelModel", () => {
  const trained = trainModel(examples, {
    ...DEFAULT_TRAINING,
    refit: false,
    outOfScopeLabel: "oos",
  });
  const relabelled = relabelModel(trained, rename);

  it("gives the same predictions under the new names, also after a store round trip", () => {
    const restored = deserializeModel(serializeModel(relabelled));
    for (const text of ["please block my stolen card", "refund it", "what a joke"]) {
      const before = predict(trained, text);
      const after = predict(relabelled, text);
      expect(after.candidates).toEqual(
        before.candidates.map((c) => ({ label: rename(c.label), probability: c.probability })),
      );
      expect(after.confident).toBe(before.confident);
      expect(after.predictedOutOfScope).toBe(before.predictedOutOfScope);
      // The stored form keeps float32 weights: the same ranking, probabilities to 1e-3.
      const stored = predict(restored, text);
      expect(stored.candidates.map((c) => c.label)).toEqual(after.candidates.map((c) => c.label));
      for (const [i, c] of stored.candidates.entries()) {
        expect(c.probability).toBeCloseTo(after.candidates[i]?.probability ?? -1, 3);
      }
    }
    expect(restored.labels).toEqual(trained.labels.map(rename));
  });

  it("renames the out-of-scope label and the held-out report", () => {
    expect(relabelled.outOfScopeLabel).toBe("id-mm");
    const report = relabelled.metrics.heldOut?.report;
    expect(report?.perLabel.map((m) => m.label).sort()).toEqual(
      trained.metrics.heldOut?.report.perLabel.map((m) => rename(m.label)).sort(),
    );
    for (const pair of report?.confusedPairs ?? []) {
      expect(Object.values(ids)).toContain(pair.truth);
      expect(Object.values(ids)).toContain(pair.predicted);
    }
    expect([...trained.labels].sort()).toEqual(["card", "oos", "refund"]);
  });
});

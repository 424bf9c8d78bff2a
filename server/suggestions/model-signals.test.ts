import { describe, expect, it } from "vitest";
import { seededRandom } from "@/server/training/evaluation/random";
import { MIN_KNOWN_WORD_SHARE } from "@/server/training/model/known-words";
import { predictionFromScores } from "@/server/training/model/model";
import { INTENT_TRIGGER_MIN_PROBABILITY } from "./intent-names";
import { modelSignals } from "./model-signals";

const loaded = {
  model: { labels: ["card_lost", "retired", "refund"], outOfScopeLabel: null },
  templateIds: ["t-lost", "t-retired", "t-refund"],
};
const active = (id: string) => id !== "t-retired";
const scores = (p: number[], knownWordShare = 0.9) => ({ p: Float64Array.from(p), knownWordShare });

describe("modelSignals", () => {
  it("gives active templates their probability and names the first one for intent triggers", () => {
    const signals = modelSignals(loaded, scores([0.8, 0.15, 0.05]), active);
    expect(new Map(signals.probabilities)).toEqual(
      new Map([
        ["t-lost", 0.8],
        ["t-refund", 0.05],
      ]),
    );
    expect(signals.topIntent).toBe("t-lost");
    expect(signals.topIntentProbability).toBe(0.8);
    expect(signals.knownWordShare).toBe(0.9);
  });

  it("no intent trigger for unfamiliar words, an out-of-scope prediction or a weak guess", () => {
    const unfamiliar = modelSignals(loaded, scores([0.8, 0.15, 0.05], 0.2), active);
    expect(unfamiliar.topIntent).toBeNull();
    expect(unfamiliar.topIntentProbability).toBe(0);
    const withOos = {
      model: { labels: ["card_lost", "oos", "refund"], outOfScopeLabel: "oos" },
      templateIds: loaded.templateIds,
    };
    const oos = modelSignals(withOos, scores([0.2, 0.7, 0.1]), active);
    expect(oos.topIntent).toBeNull();
    expect(oos.predictedOutOfScope).toBe(true);
    expect(modelSignals(loaded, scores([0.35, 0.3, 0.35]), active).topIntent).toBeNull();
  });

  it("says what the sorted prediction says (400 random score vectors, ties and out of scope)", () => {
    const next = seededRandom(20261207);
    for (let round = 0; round < 400; round++) {
      const n = 1 + Math.floor(next() * 12);
      const labels = Array.from({ length: n }, (_, k) => `label${k}`);
      const outOfScopeLabel = round % 3 === 0 ? (labels[Math.floor(next() * n)] ?? null) : null;
      // Probabilities from a small set, so ties are common; raw, as the test only compares.
      const p = labels.map(() => Math.floor(next() * 6) / 10);
      const templateIds = labels.map((label) => `t-${label}`);
      const inactive = new Set(templateIds.filter(() => next() < 0.2));
      const isActive = (id: string) => !inactive.has(id);
      const knownWordShare = next() < 0.2 ? 0.1 : 0.9;
      const text = { p: Float64Array.from(p), knownWordShare, known: true, missing: false };

      const got = modelSignals({ model: { labels, outOfScopeLabel }, templateIds }, text, isActive);

      const prediction = predictionFromScores({ labels, outOfScopeLabel, threshold: 0.5 }, text, n);
      const expected = new Map<string, number>();
      for (const { label, probability } of prediction.candidates) {
        const id = `t-${label}`;
        if (isActive(id)) expected.set(id, probability);
      }
      const top = prediction.candidates[0];
      const fires =
        top !== undefined &&
        !prediction.predictedOutOfScope &&
        knownWordShare >= MIN_KNOWN_WORD_SHARE &&
        top.probability >= INTENT_TRIGGER_MIN_PROBABILITY;
      expect(new Map(got.probabilities)).toEqual(expected);
      expect(got.predictedOutOfScope).toBe(prediction.predictedOutOfScope);
      expect(got.topIntent).toBe(fires && top ? `t-${top.label}` : null);
      expect(got.topIntentProbability).toBe(fires && top ? top.probability : 0);
    }
  });
});

import { describe, expect, it } from "vitest";
import type { Prediction } from "@/server/training/model/model";
import { modelSignals } from "./model-signals";

const loaded = {
  templateOf: new Map([
    ["card_lost", "t-lost"],
    ["refund", "t-refund"],
    ["retired", "t-retired"],
  ]),
};
const active = (id: string) => id !== "t-retired";
const prediction = (over: Partial<Prediction> = {}): Prediction => ({
  candidates: [
    { label: "card_lost", probability: 0.8 },
    { label: "retired", probability: 0.15 },
    { label: "refund", probability: 0.05 },
  ],
  confident: true,
  topProbability: 0.8,
  predictedOutOfScope: false,
  knownWordShare: 0.9,
  ...over,
});

describe("modelSignals", () => {
  it("gives active templates their probability and names the first one for intent triggers", () => {
    const signals = modelSignals(prediction(), loaded, active);
    expect([...signals.probabilities]).toEqual([
      ["t-lost", 0.8],
      ["t-refund", 0.05],
    ]);
    expect(signals.topIntent).toBe("t-lost");
    expect(signals.knownWordShare).toBe(0.9);
  });

  it("no intent trigger for unfamiliar words, an out-of-scope prediction or a weak guess", () => {
    expect(modelSignals(prediction({ knownWordShare: 0.2 }), loaded, active).topIntent).toBeNull();
    const oos = modelSignals(prediction({ predictedOutOfScope: true }), loaded, active);
    expect(oos.topIntent).toBeNull();
    expect(oos.predictedOutOfScope).toBe(true);
    const weak = prediction({
      candidates: [
        { label: "card_lost", probability: 0.3 },
        { label: "refund", probability: 0.25 },
      ],
    });
    expect(modelSignals(weak, loaded, active).topIntent).toBeNull();
  });
});

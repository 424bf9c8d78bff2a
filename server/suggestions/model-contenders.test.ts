import { describe, expect, it } from "vitest";
import { seededRandom } from "@/server/training/evaluation/random";
import { modelOnlyContenders } from "./model-contenders";
import { type RankingBasis, rankTemplates, type TemplateSignals } from "./ranking";
import { signals, TRAINED } from "./ranking-fixtures";

describe("modelOnlyContenders", () => {
  it("keeps the best `limit` by probability, ties to the lower id, skipping templates with another signal", () => {
    const probabilities = new Map([
      ["d", 0.2],
      ["c", 0.5],
      ["b", 0.2],
      ["a", 0.9],
      ["e", 0.7],
    ]);
    expect(modelOnlyContenders(probabilities, (id) => id === "a", 3)).toEqual([
      ["e", 0.7],
      ["c", 0.5],
      ["b", 0.2],
    ]);
    expect(modelOnlyContenders(probabilities, () => false, 1)).toEqual([["a", 0.9]]);
    expect(modelOnlyContenders(probabilities, () => true, 3)).toEqual([]);
  });

  it("ranks exactly as scoring every template the model knows would (600 random answers)", () => {
    const next = seededRandom(20261207);
    const bases: RankingBasis[] = [
      TRAINED,
      { modelDeployed: true, threshold: 0.85 },
      { modelDeployed: true, threshold: 0.6, knownWordShare: 0.2 }, // unfamiliar: model discounted
      { modelDeployed: true, threshold: 0.5, intentProbability: 0.7 },
    ];
    for (let round = 0; round < 600; round++) {
      const basis = bases[round % bases.length] as RankingBasis;
      const limit = 1 + (round % 5);
      const templates = 2 + Math.floor(next() * 40);
      // Probabilities from a small set, so ties (and zeros) are common.
      const probabilities = new Map<string, number>();
      const others = new Map<string, TemplateSignals>();
      for (let i = 0; i < templates; i++) {
        const id = `t${Math.floor(next() * 1e6)}`;
        if (next() < 0.8) probabilities.set(id, Math.floor(next() * 8) / 10);
        if (next() < 0.25) {
          others.set(
            id,
            signals(id, {
              triggerWeight: next() < 0.5 ? Math.floor(next() * 3) : 0,
              intentWeight: next() < 0.2 ? 1 : 0,
              textMatch: next() < 0.5 ? Math.floor(next() * 5) / 5 : 0,
              pastChoices: next() < 0.3 ? 0.4 : 0,
            }),
          );
        }
      }
      // Every template the model knows gets a record (as before modelOnlyContenders).
      const everything = new Map<string, TemplateSignals>();
      for (const [id, s] of others) everything.set(id, { ...s });
      for (const [id, p] of probabilities) {
        const s = everything.get(id) ?? signals(id);
        s.modelProbability = p;
        everything.set(id, s);
      }
      // Only the templates another signal speaks for, and the model's contenders.
      const pruned = new Map<string, TemplateSignals>();
      for (const [id, s] of others) {
        pruned.set(id, { ...s, modelProbability: probabilities.get(id) ?? null });
      }
      for (const [id, p] of modelOnlyContenders(probabilities, (x) => others.has(x), limit)) {
        pruned.set(id, signals(id, { modelProbability: p }));
      }
      expect(rankTemplates([...pruned.values()], basis, limit)).toEqual(
        rankTemplates([...everything.values()], basis, limit),
      );
    }
  });
});

import { describe, expect, it } from "vitest";
import {
  combineSignals,
  confidenceWithoutModel,
  isConfident,
  meetsThreshold,
  noConfidentReason,
  pastChoiceShares,
  type RankingBasis,
  rankTemplates,
  TRIGGER_RELIABILITY,
  UNTRAINED_BASIS,
  UNTRAINED_THRESHOLD,
} from "./ranking";
import { signals, TRAINED } from "./ranking-fixtures";

describe("rankTemplates", () => {
  it("with the model alone, the confidence is the model's calibrated probability", () => {
    const [top] = rankTemplates([signals("a", { modelProbability: 0.63 })], TRAINED);
    expect(top?.confidence).toBeCloseTo(0.63, 10);
  });

  it("a model weight below 1 (an unfamiliar message) scales the model's part, keeping its order", () => {
    const ranked = rankTemplates(
      [
        signals("a", { modelProbability: 0.9 }),
        signals("b", { modelProbability: 0.08 }),
        signals("c", { triggerWeight: 1 }),
      ],
      { ...TRAINED, knownWordShare: 0.2 }, // weight 0.2 ÷ 0.4
    );
    // The trigger (0.75) now leads the model's 0.9 × 0.5; the model's own order stays a, b.
    expect(ranked.map((r) => r.templateId)).toEqual(["c", "a", "b"]);
    expect(ranked[1]?.confidence).toBeCloseTo(0.45, 10);
    expect(ranked[1]?.modelProbability).toBe(0.9); // the reason shows the raw probability
    const [trigger, model] = ranked;
    if (!trigger || !model) throw new Error("the ranking lost an entry");
    expect(confidenceWithoutModel(trigger.parts)).toBeCloseTo(0.75, 10);
    expect(confidenceWithoutModel(model.parts)).toBe(0);
  });

  it("a trigger match outranks a weak model guess, a strong prediction outranks one trigger", () => {
    const weak = rankTemplates(
      [signals("guess", { modelProbability: 0.4 }), signals("trigger", { triggerWeight: 1 })],
      TRAINED,
    );
    expect(weak.map((r) => r.templateId)).toEqual(["trigger", "guess"]);
    const strong = rankTemplates(
      [signals("model", { modelProbability: 0.9 }), signals("trigger", { triggerWeight: 1 })],
      TRAINED,
    );
    expect(strong.map((r) => r.templateId)).toEqual(["model", "trigger"]);
  });

  it("with a threshold above 0.75, a trigger of a template the model does not know is worth the threshold", () => {
    // The demo's case: a guess the answer marks as low confidence must not beat the trigger of a
    // template written after the last training (no model probability).
    const basis: RankingBasis = { modelDeployed: true, threshold: 0.852 };
    const ranked = rankTemplates(
      [
        signals("guess", { modelProbability: 0.847 }),
        signals("untrained", { modelProbability: null, triggerWeight: 1 }),
      ],
      basis,
    );
    expect(ranked.map((r) => r.templateId)).toEqual(["untrained", "guess"]);
    // On its own the trigger clears the threshold: the suggestion is confident, also without the model.
    const alone = combineSignals(signals("t", { triggerWeight: 1 }), basis);
    expect(alone.parts.triggers).toBeCloseTo(0.852, 12);
    expect(meetsThreshold(alone.confidence, basis.threshold)).toBe(true);
    expect(meetsThreshold(confidenceWithoutModel(alone.parts), basis.threshold)).toBe(true);
    // A confident prediction above the threshold still beats one trigger.
    const strong = rankTemplates(
      [signals("model", { modelProbability: 0.9 }), signals("trigger", { triggerWeight: 1 })],
      basis,
    );
    expect(strong.map((r) => r.templateId)).toEqual(["model", "trigger"]);
    // Weights scale as before: half a trigger is 1 − (1 − 0.852)^0.5.
    const half = combineSignals(signals("t", { triggerWeight: 0.5 }), basis);
    expect(half.confidence).toBeCloseTo(1 - Math.sqrt(0.148), 10);
    // A threshold at or below 0.75 leaves a trigger at 0.75.
    const low = combineSignals(signals("t", { triggerWeight: 1 }), TRAINED);
    expect(low.parts.triggers).toBeCloseTo(TRIGGER_RELIABILITY, 12);
  });

  it("a trigger of a template the model knows stays 0.75 beside the model's own probability", () => {
    const basis: RankingBasis = { modelDeployed: true, threshold: 0.852 };
    const known = combineSignals(signals("t", { modelProbability: 0, triggerWeight: 1 }), basis);
    expect(known.parts.triggers).toBeCloseTo(TRIGGER_RELIABILITY, 12);
    expect(meetsThreshold(known.confidence, basis.threshold)).toBe(false);
    // The model's 0.847 guess outranks a trigger on a template it gives 0.05.
    const ranked = rankTemplates(
      [
        signals("guess", { modelProbability: 0.847 }),
        signals("trigger", { modelProbability: 0.05, triggerWeight: 1 }),
      ],
      basis,
    );
    expect(ranked.map((r) => r.templateId)).toEqual(["guess", "trigger"]);
    // Two matches on it are confident: 1 − 0.25² · 0.95.
    const two = combineSignals(signals("t", { modelProbability: 0.05, triggerWeight: 2 }), basis);
    expect(two.confidence).toBeCloseTo(1 - 0.0625 * 0.95, 10);
    expect(meetsThreshold(two.confidence, basis.threshold)).toBe(true);
  });

  it("an intent trigger is worth the model's probability of the intent it restates, never more", () => {
    const basis: RankingBasis = { modelDeployed: true, threshold: 0.852 };
    // The model's first guess, at p, restated by one full-weight intent trigger.
    const guess = (p: number): RankingBasis => ({ ...basis, intentProbability: p });
    // Routed to a template the model was not trained on, a weak guess (intent triggers fire
    // from 0.4) stays a weak suggestion: it used to be worth the threshold, so confident.
    const weak = combineSignals(signals("routed", { intentWeight: 1 }), guess(0.45));
    expect(weak.confidence).toBeCloseTo(0.45, 12);
    expect(meetsThreshold(weak.confidence, basis.threshold)).toBe(false);
    // A confident guess routes a confident suggestion.
    const sure = combineSignals(signals("routed", { intentWeight: 1 }), guess(0.93));
    expect(meetsThreshold(sure.confidence, basis.threshold)).toBe(true);
    // On the template the model guessed, the model is not counted twice (not 1 − 0.1²).
    const same = combineSignals(
      signals("guessed", { modelProbability: 0.9, intentWeight: 1 }),
      guess(0.9),
    );
    expect(same.confidence).toBeCloseTo(0.9, 12);
    // It is the model's evidence: a message of unfamiliar words drops it with the model's part.
    expect(confidenceWithoutModel(sure.parts)).toBe(0);
    // An author's trigger beside it still adds by noisy-OR: 1 − 0.55 · 0.148.
    const both = combineSignals(
      signals("routed", { intentWeight: 1, triggerWeight: 1 }),
      guess(0.45),
    );
    expect(both.confidence).toBeCloseTo(1 - 0.55 * 0.148, 10);
  });

  it("on a message of unfamiliar words, only what the other signals give clears the threshold", () => {
    const basis: RankingBasis = {
      modelDeployed: true,
      threshold: 0.85,
      knownWordShare: 0.39,
    };
    const familiar: RankingBasis = { ...basis, knownWordShare: 1 };
    // The model's 0.99, discounted to 0.965 for a known share of 0.39: above the threshold, yet
    // the answer is "no confident suggestion", so the suggestion must be marked weak too.
    const guess = combineSignals(signals("guess", { modelProbability: 0.99 }), basis);
    expect(guess.confidence).toBeGreaterThan(basis.threshold);
    expect(isConfident(guess, basis)).toBe(false);
    expect(guess.confident).toBe(false);
    expect(combineSignals(signals("guess", { modelProbability: 0.99 }), familiar).confident).toBe(
      true,
    );
    // A trigger on a template the model does not know still makes it confident…
    const trigger = combineSignals(signals("trigger", { triggerWeight: 1 }), basis);
    expect(trigger.confident).toBe(true);
    // …and it ranks above the discounted guesses, which keep their order behind it, also when
    // the answer keeps fewer than there are.
    const list = [
      signals("guess", { modelProbability: 0.99 }),
      signals("second", { modelProbability: 0.95 }),
      signals("trigger", { triggerWeight: 1 }),
    ];
    expect(rankTemplates(list, basis).map((r) => r.templateId)).toEqual([
      "trigger",
      "guess",
      "second",
    ]);
    expect(rankTemplates(list, basis, 1).map((r) => r.templateId)).toEqual(["trigger"]);
    // On a familiar message the order is the confidence order, as before.
    expect(rankTemplates(list, familiar).map((r) => r.templateId)).toEqual([
      "guess",
      "second",
      "trigger",
    ]);
    // Below the threshold nothing is confident, familiar or not.
    const weak = combineSignals(signals("weak", { modelProbability: 0.5 }), familiar);
    expect(isConfident(weak, familiar)).toBe(false);
  });

  it("meetsThreshold forgives one rounding step, nothing more", () => {
    for (const t of [0.852, 0.9, 0.61, 0.7777]) {
      expect(meetsThreshold(1 - (1 - t), t)).toBe(true);
    }
    expect(meetsThreshold(0.851, 0.852)).toBe(false);
    expect(meetsThreshold(0.852 - 1e-6, 0.852)).toBe(false);
  });

  it("before training one trigger is confident, text overlap alone never is", () => {
    expect(
      combineSignals(signals("t", { triggerWeight: 1 }), UNTRAINED_BASIS).confidence,
    ).toBeGreaterThan(UNTRAINED_THRESHOLD);
    expect(
      combineSignals(signals("t", { textMatch: 0.99 }), UNTRAINED_BASIS).confidence,
    ).toBeLessThan(UNTRAINED_THRESHOLD);
  });

  it("text overlap is a tie-breaker once a model is deployed", () => {
    const ranked = rankTemplates(
      [
        signals("model", { modelProbability: 0.6 }),
        signals("words", { modelProbability: 0.5, textMatch: 1 }),
      ],
      TRAINED,
    );
    expect(ranked[0]?.templateId).toBe("model");
    const tie = rankTemplates(
      [
        signals("plain", { modelProbability: 0.5 }),
        signals("words", { modelProbability: 0.5, textMatch: 0.5 }),
      ],
      TRAINED,
    );
    expect(tie[0]?.templateId).toBe("words");
  });

  it("agreeing signals reinforce each other and the confidence stays in [0, 1]", () => {
    const both = combineSignals(
      signals("t", { modelProbability: 0.6, triggerWeight: 2, textMatch: 1, pastChoices: 1 }),
      TRAINED,
    );
    expect(both.confidence).toBeGreaterThan(0.6);
    expect(both.confidence).toBeLessThanOrEqual(1);
    const odd = combineSignals(
      signals("t", { modelProbability: Number.NaN, textMatch: 7 }),
      TRAINED,
    );
    expect(odd.confidence).toBeGreaterThanOrEqual(0);
    expect(odd.confidence).toBeLessThanOrEqual(1);
  });

  it("past choices move a template above a slightly better model guess", () => {
    const shares = pastChoiceShares([{ templateId: "b", similarity: 1 }]);
    expect(shares.get("b")).toBeCloseTo(0.5, 10);
    const ranked = rankTemplates(
      [
        signals("a", { modelProbability: 0.35 }),
        signals("b", { modelProbability: 0.3, pastChoices: shares.get("b") ?? 0 }),
      ],
      TRAINED,
    );
    expect(ranked[0]?.templateId).toBe("b");
  });

  it("with a limit, gives exactly the first entries of the full ranking", () => {
    // Ties on confidence, model probability and text match included, so every tie-break counts.
    const list = Array.from({ length: 400 }, (_, i) =>
      signals(`t${(i * 7919) % 400}`, {
        modelProbability: i % 5 === 0 ? null : ((i * 31) % 17) / 20,
        triggerWeight: i % 11 === 0 ? 1 : 0,
        textMatch: ((i * 13) % 7) / 10,
        pastChoices: i % 23 === 0 ? 0.4 : 0,
      }),
    );
    const full = rankTemplates(list, TRAINED);
    for (const limit of [1, 3, 10, 399]) {
      expect(rankTemplates(list, TRAINED, limit)).toEqual(full.slice(0, limit));
      expect(rankTemplates(list, UNTRAINED_BASIS, limit)).toEqual(
        rankTemplates(list, UNTRAINED_BASIS).slice(0, limit),
      );
    }
    expect(rankTemplates([signals("zero")], TRAINED, 1)).toEqual([]);
  });
});

describe("noConfidentReason", () => {
  const answer = { confident: false, candidates: 3, unfamiliar: false, predictedOutOfScope: false };
  it("is null for a confident answer and names the most telling reason otherwise", () => {
    expect(noConfidentReason({ ...answer, confident: true, unfamiliar: true })).toBeNull();
    expect(noConfidentReason({ ...answer, candidates: 0, unfamiliar: true })).toBe("no_candidates");
    expect(noConfidentReason({ ...answer, unfamiliar: true, predictedOutOfScope: true })).toBe(
      "unfamiliar_words",
    );
    expect(noConfidentReason({ ...answer, predictedOutOfScope: true })).toBe("out_of_scope");
    expect(noConfidentReason(answer)).toBe("below_threshold");
  });
});

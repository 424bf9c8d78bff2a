import { describe, expect, it } from "vitest";
import { DEFAULT_TRAINING, trainModel } from "../model/train";
import { runScenarios } from "./scenarios";

const examples = [
  ...[
    "I lost my card",
    "my card was stolen",
    "card missing",
    "I can't find my card",
    "block my lost card",
    "stolen wallet and card",
  ].map((text) => ({ text, label: "card_lost" })),
  ...[
    "I want a refund",
    "refund my order",
    "money back please",
    "where is my refund",
    "refund the purchase",
    "give me my money back",
  ].map((text) => ({ text, label: "refund" })),
  ...[
    "reset my password",
    "forgot my password",
    "password not working",
    "change password",
    "new password please",
    "locked out, password",
  ].map((text) => ({ text, label: "password" })),
];
const model = trainModel(examples, { ...DEFAULT_TRAINING, epochs: 30, heldOutFraction: 0 });

describe("runScenarios", () => {
  const run = runScenarios(model, [
    // In the examples' words: with 18 examples, "someone stole my card" is mostly words the
    // model never saw ("someone", "stole") and is declined (known-words.ts).
    { id: "s1", text: "my card was stolen", expectedLabel: "card_lost", difficulty: "easy" },
    { id: "s2", text: "I forgot the password", expectedLabel: "password", difficulty: "easy" },
    { id: "s3", text: "qxv zzkw", expectedLabel: "refund", difficulty: "hard" },
    { id: "s4", text: "why was I billed twice", expectedLabel: "billing", difficulty: "hard" },
  ]);

  it("keeps a result per scenario with the rank of the expected label", () => {
    expect(run.results.map((r) => r.id)).toEqual(["s1", "s2", "s3", "s4"]);
    expect(run.results[0]).toMatchObject({ predictedLabel: "card_lost", rank: 1, passed: true });
    expect(run.results[1]).toMatchObject({ predictedLabel: "password", rank: 1, passed: true });
    expect(run.results[2]?.confident).toBe(false); // gibberish: no confident suggestion
    expect(run.results[2]?.passed).toBe(false);
    expect(run.results[3]?.rank).toBeNull();
  });

  it("summarises overall and per difficulty, and names labels the model does not know", () => {
    expect(run.overall).toMatchObject({ count: 4, passed: 0.5 });
    expect(run.byDifficulty.easy).toEqual({ count: 2, top1: 1, top3: 1, passed: 1 });
    expect(run.byDifficulty.hard?.passed).toBe(0);
    expect(run.unknownLabels).toEqual(["billing"]);
  });
});

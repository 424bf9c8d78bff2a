import { describe, expect, it } from "vitest";
import type { TemplateTrigger } from "../language/trigger-schema";
import { validateTriggers } from "./validate-triggers";

const t = (kind: TemplateTrigger["kind"], value: string): TemplateTrigger => ({
  kind,
  value,
  weight: 1,
  active: true,
});
const vocabulary = { intents: ["track_order", "get_refund", "cancel_order"] };

describe("validateTriggers", () => {
  it("accepts known intents, default sentiments, keywords and safe regexes", () => {
    const triggers = [
      t("intent", "track_order"),
      t("sentiment", "negative"),
      t("keyword", "refund"),
      t("regex", "order\\s*#?\\d+"),
    ];
    expect(validateTriggers(triggers, vocabulary)).toEqual([]);
  });

  it("names an unknown intent and suggests the closest known one", () => {
    expect(validateTriggers([t("phrase", "x"), t("intent", "track_ordr")], vocabulary)).toEqual([
      { index: 1, message: 'Unknown intent "track_ordr"; did you mean "track_order"?' },
    ]);
  });

  it("lists the known values when nothing is close", () => {
    expect(validateTriggers([t("sentiment", "furious")], vocabulary)).toEqual([
      {
        index: 0,
        message: 'Unknown sentiment "furious"; known sentiments: positive, neutral, negative.',
      },
    ]);
    expect(validateTriggers([t("intent", "x")], { intents: [] })).toEqual([
      { index: 0, message: 'The workspace has no intents yet, so "x" cannot be used.' },
    ]);
  });

  it("uses a workspace's own sentiment labels when given", () => {
    expect(
      validateTriggers([t("sentiment", "urgent")], { ...vocabulary, sentiments: ["urgent"] }),
    ).toEqual([]);
  });

  it("reports invalid and catastrophic regexes", () => {
    const problems = validateTriggers([t("regex", "[z-a]"), t("regex", "(x*)*y")], vocabulary);
    expect(problems).toEqual([
      {
        index: 0,
        message: "Invalid regular expression: /[z-a]/i: Range out of order in character class",
      },
      { index: 1, message: expect.stringContaining("can take exponential time") },
    ]);
  });
});

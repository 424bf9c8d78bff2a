import { describe, expect, it } from "vitest";
import type { TemplateTrigger } from "../language/trigger-schema";
import { runRegexInThread } from "../regex/regex-runner";
import { matchTriggers } from "./match-triggers";
import { normalizeForMatching } from "./normalize-text";

const t = (
  kind: TemplateTrigger["kind"],
  value: string,
  weight = 1,
  active = true,
): TemplateTrigger => ({
  kind,
  value,
  weight,
  active,
});
const match = (message: string, triggers: TemplateTrigger[]) =>
  matchTriggers(message, triggers, { runRegex: runRegexInThread });

describe("normalizeForMatching", () => {
  it("lower-cases, strips accents and collapses punctuation", () => {
    expect(normalizeForMatching("  Where's my  CAFÉ-order?! ")).toBe("where s my cafe order");
  });
});

describe("matchTriggers", () => {
  it("matches keywords on word boundaries, ignoring case and accents", () => {
    const triggers = [t("keyword", "refund"), t("keyword", "Señor")];
    expect(match("REFUND please, senor", triggers).matched).toEqual([0, 1]);
    expect(match("I was refunded", triggers).matched).toEqual([]);
  });

  it("matches multi-word keywords as whole words", () => {
    expect(match("my tracking number?", [t("keyword", "tracking number")]).matched).toEqual([0]);
    expect(match("retracking numbers", [t("keyword", "tracking number")]).matched).toEqual([]);
  });

  it("matches phrases as normalised substrings", () => {
    const triggers = [t("phrase", "where is my order")];
    expect(match("Hi!! Where   is my ORDER, please?", triggers).matched).toEqual([0]);
    expect(match("where is the order", triggers).matched).toEqual([]);
  });

  it("runs regex triggers case-insensitively on the raw message", () => {
    expect(match("Order #A-1234 is late", [t("regex", "#[a-z]-\\d{4}")]).matched).toEqual([0]);
  });

  it("sums the weights of matched triggers and skips inactive ones", () => {
    const result = match("refund for my order", [
      t("keyword", "refund", 2.5),
      t("keyword", "order", 1, false),
      t("phrase", "for my", 0.5),
    ]);
    expect(result).toEqual({ matched: [0, 2], score: 3, errors: [], deferred: [] });
  });

  it("defers intent and sentiment triggers to a classifier", () => {
    const result = match("angry", [t("intent", "track_order"), t("sentiment", "negative")]);
    expect(result).toEqual({ matched: [], score: 0, errors: [], deferred: [0, 1] });
  });

  it("reports an invalid regex with the engine's message instead of throwing", () => {
    expect(match("x", [t("regex", "(")]).errors).toEqual([
      { index: 0, message: "Invalid regular expression: /(/i: Unterminated group" },
    ]);
  });
});

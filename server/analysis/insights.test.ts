import { describe, expect, it } from "vitest";
import { computeInsights, type InsightFacts, roundImpact } from "./insights";

/** Every expected impact below is worked out by hand in the comment next to it. */
const facts: InsightFacts = {
  scope: { source: "dataset", label: 'dataset "Q3 tickets"' },
  messages: 2000,
  unconfident: 300,
  accuracy: 0.8,
  gaps: [
    {
      ref: "g1",
      title: "card declined",
      size: 120,
      severity: 4.5,
      failureRate: 0.75,
      trend: "growing",
      keyPhrases: ["card", "declined", "atm"],
      suggestedAction: { kind: "create_template" },
    },
    {
      ref: "g2",
      title: "crypto",
      size: 40,
      severity: 1,
      failureRate: 0.5,
      trend: "stable",
      keyPhrases: ["crypto", "bitcoin"],
      suggestedAction: { kind: "add_examples", label: "Transfers" },
    },
  ],
  patterns: [
    {
      ref: "p1",
      topic: "card, declined",
      previous: 10,
      current: 35,
      growing: true,
      answered: false,
    },
    {
      ref: "p2",
      topic: "delivery, late",
      previous: 20,
      current: 60,
      growing: true,
      answered: true,
    },
    {
      ref: "p3",
      topic: "opening hours",
      previous: 30,
      current: 31,
      growing: false,
      answered: false,
    },
  ],
  confusions: [
    { expected: "Refund", predicted: "Return", count: 20 },
    { expected: "Return", predicted: "Refund", count: 18 },
    { expected: "Password", predicted: "Login", count: 2 },
    { expected: "Billing", predicted: "Billing", count: 5 },
  ],
  weakTemplates: [
    { name: "Fees", precision: 0.5, recall: 0.6, support: 50 },
    { name: "Refund", precision: 0.9, recall: 0.7, support: 100 },
  ],
};

describe("computeInsights", () => {
  const insights = computeInsights(facts);
  const byKind = (kind: string) => insights.filter((i) => i.kind === kind);

  it("ranks by impact, one scale for every kind", () => {
    expect(insights.map((i) => [i.kind, i.impact])).toEqual([
      // 100 × ((1 − 0.8) − (20 + 18 + 2) / 2000) = 100 × (0.2 − 0.02) = 18
      ["low_accuracy", 18],
      // topic 100 × 2 × 35 / 2000 = 3.5; gap g1 100 × 120 × 0.75 / 2000 = 4.5; max = 4.5
      ["growing_unanswered_topic", 4.5],
      // missed 50 × 0.4 = 20, wrong 50 × 0.6 × 0.5 / 0.5 = 30: 100 × 50 / 2000 = 2.5
      ["weak_template", 2.5],
      // 100 × (20 + 18) / 2000 = 1.9
      ["confused_templates", 1.9],
      // g2: 100 × 40 × 0.5 / 2000 = 1
      ["knowledge_gap", 1],
      // 100 × 2 × 60 × (300 / 2000) / 2000 = 0.9
      ["growing_topic", 0.9],
    ]);
  });

  it("says a growing unanswered topic that is also a gap once, with both in its basis", () => {
    const [topic] = byKind("growing_unanswered_topic");
    expect(byKind("knowledge_gap").map((i) => i.basis.gap)).toEqual(["g2"]);
    expect(topic?.basis).toMatchObject({ pattern: "p1", gap: "g1", previous: 10, current: 35 });
    expect(topic?.basis.formula).toContain("max(3.5, 4.5) = 4.5");
    expect(topic?.text).toBe(
      "Topic “card, declined” grew from 10 to 35 messages between the two halves of the period (3.5×), and no template answers it (gap “card declined”: 120 messages without a confident suggestion): create a template for it.",
    );
  });

  it("counts both directions of a confused pair and names them", () => {
    const confused = byKind("confused_templates");
    expect(confused).toHaveLength(1); // Password/Login (2) is below the minimum; Billing→Billing is no confusion
    expect(confused[0]?.text).toBe(
      "Templates “Refund” and “Return” were confused 38 times (“Return” suggested for “Refund” 20 times, “Refund” for “Return” 18 times): merge them if they answer the same question, or add examples that tell them apart.",
    );
    expect(confused[0]?.basis.formula).toBe(
      "impact = 100 × confusions / messages = 100 × 38 / 2000 = 1.9",
    );
  });

  it("drops a weak template whose errors the listed confusions already explain", () => {
    // Refund: missed 100 × 0.3 = 30, wrong 100 × 0.7 × 0.1 / 0.9 ≈ 7.8: 37.8 ≤ 38 confusions.
    expect(byKind("weak_template").map((i) => i.basis.template)).toEqual(["Fees"]);
    expect(byKind("weak_template")[0]?.text).toBe(
      "Template “Fees” is weak: recall 60% and precision 50% over 50 messages (about 20 missed, 30 wrongly suggested): add examples to the templates it is wrongly suggested for, so they are told apart.",
    );
  });

  it("writes gaps and answered growing topics with their numbers and action", () => {
    expect(byKind("knowledge_gap")[0]?.text).toBe(
      "40 messages about “crypto” (key phrases: crypto, bitcoin) got no confident suggestion (mean failure 50%): add examples of these messages to “Transfers”.",
    );
    expect(byKind("growing_topic")[0]?.text).toContain("grew from 20 to 60 messages");
    expect(byKind("growing_topic")[0]?.text).toContain("(3×)");
    for (const i of insights) expect(i.basis.formula).toMatch(/^impact = .* = [\d.]+$|max\(/);
  });

  it("keeps the gap as a gap when no growing topic matches it, and says it grows", () => {
    const only = computeInsights({ ...facts, patterns: [] });
    const g1 = only.find((i) => i.basis.gap === "g1");
    expect(g1).toMatchObject({ kind: "knowledge_gap", impact: 4.5 });
    expect(g1?.text).toContain(", and it is growing: create a template for it.");
    const untitled = computeInsights({
      ...facts,
      patterns: [],
      gaps: facts.gaps.slice(1).map((g) => ({ ...g, title: " " })),
    });
    expect(untitled.find((i) => i.kind === "knowledge_gap")?.text).toMatch(
      /^40 messages about “crypto, bitcoin”/,
    );
  });

  it("a new topic (0 before) is named as appeared; 100 × 2 × 9 / 2000 = 0.9", () => {
    const [i] = computeInsights({
      ...facts,
      accuracy: null,
      gaps: [],
      confusions: [],
      weakTemplates: [],
      patterns: [
        { ref: "p", topic: "crypto", previous: 0, current: 9, growing: true, answered: false },
      ],
    });
    expect(i).toMatchObject({ kind: "growing_unanswered_topic", impact: 0.9 });
    expect(i?.text).toContain(
      "appeared: 0 messages in the first half of the period, 9 in the second",
    );
  });

  it("respects the limit and an empty analysis", () => {
    expect(computeInsights(facts, 2).map((i) => i.impact)).toEqual([18, 4.5]);
    expect(computeInsights({ ...facts, messages: 0 })).toEqual([]);
    expect(
      computeInsights({ ...facts, accuracy: 0.95 }).some((i) => i.kind === "low_accuracy"),
    ).toBe(false);
  });

  it("orders impacts that round alike by their unrounded value", () => {
    // In 4,514 messages, 3 confusions are 0.066 and 4 are 0.089: both print as 0.1. The pair
    // named first alphabetically has fewer, so an order by the rounded value put it first.
    const ranked = computeInsights({
      ...facts,
      messages: 4_514,
      accuracy: null,
      gaps: [],
      patterns: [],
      weakTemplates: [],
      confusions: [
        { expected: "Alpha", predicted: "Beta", count: 3 },
        { expected: "Yankee", predicted: "Zulu", count: 4 },
      ],
    });
    expect(ranked.map((i) => [i.basis.templates, i.impact])).toEqual([
      [["Yankee", "Zulu"], 0.1],
      [["Alpha", "Beta"], 0.1],
    ]);
    expect(ranked[0]?.score).toBeCloseTo((100 * 4) / 4_514, 10);
  });

  it("keeps impact within 0–100", () => {
    expect(roundImpact(250)).toBe(100);
    expect(roundImpact(-3)).toBe(0);
    expect(roundImpact(Number.NaN)).toBe(0);
    expect(roundImpact(1.26)).toBe(1.3);
    const big = computeInsights({
      ...facts,
      messages: 10,
      accuracy: null,
      gaps: [],
      confusions: [],
      weakTemplates: [],
      patterns: [{ ref: "p", topic: "t", previous: 1, current: 9, growing: true, answered: false }],
    });
    expect(big[0]?.impact).toBe(100); // 100 × 2 × 9 / 10 = 180, capped
  });
});

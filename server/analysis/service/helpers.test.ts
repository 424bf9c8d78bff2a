import { describe, expect, it } from "vitest";
import { evenSample } from "./analyze";
import { centralities, mostCentral } from "./centrality";
import { periodOfMessages } from "./compute";
import { runEvaluation } from "./evaluation";
import { draftBody, templateLiteral } from "./gap-actions";
import { inboxPeriod } from "./run";

const outcome = (agentTemplateId: string | null, topLabel: string | null) => ({
  id: crypto.randomUUID(),
  text: "x",
  confident: true,
  topProbability: 0.9,
  topLabel,
  at: null,
  agentTemplateId,
  csat: null,
  resolved: null,
});

describe("analysis service helpers", () => {
  it("picks the reply closest to what the agents all say", () => {
    const replies = [
      "Go to Profile, then Address, and enter the new address.",
      "Welcome! Our office hours are nine to five.",
      "Go to Profile, then Address, and enter the new address; it updates at once.",
      "Go to Profile, then Address.",
    ];
    expect(mostCentral(replies)).toBe(0);
    const scores = centralities(replies);
    expect(scores[1]).toBeLessThan(scores[0] as number);
    expect(mostCentral([])).toBe(-1);
    expect(centralities(["only one"])).toEqual([1]);
  });

  it("drafts from the central reply with braces made literal, or from key phrases", () => {
    expect(templateLiteral("use {code} now}")).toBe("use {{code}} now}}");
    const fromReplies = draftBody(["Your code is {abc}", "Your code is {abc}", "Hello"], {
      keyPhrases: ["code"],
      examples: [],
    });
    expect(fromReplies).toEqual({ body: "Your code is {{abc}}", basedOn: "replies" });
    const fromPhrases = draftBody([], {
      keyPhrases: ["home address", "change", "update", "moving"],
      examples: [{ text: "how do i change my {home} address" }],
    });
    expect(fromPhrases.basedOn).toBe("key_phrases");
    expect(fromPhrases.body).toBe(
      'Hi {customer.first_name|there}, thanks for your message about home address, change and update.\n\nCustomers ask, for example: "how do i change my {{home}} address"',
    );
  });

  it("samples evenly and deterministically", () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(evenSample(items, 4)).toEqual([0, 2, 5, 7]);
    expect(evenSample(items, 20)).toEqual(items);
  });

  it("scores the top suggestion against the agent's template per template", () => {
    const evaluation = runEvaluation([
      outcome("a", "a"),
      outcome("a", "b"),
      outcome("a", "b"),
      outcome("b", "b"),
      outcome(null, "a"),
      outcome("c", null),
    ]);
    expect(evaluation.compared).toBe(5);
    expect(evaluation.confusedPairs).toEqual([{ truth: "a", predicted: "b", count: 2 }]);
    expect(evaluation.perLabel).toEqual([
      { label: "a", precision: 1, recall: 1 / 3, support: 3 },
      { label: "b", precision: 1 / 3, recall: 1, support: 1 },
      { label: "c", precision: 0, recall: 0, support: 1 },
    ]);
  });

  it("turns whole days into a half-open period and finds a dataset's span", () => {
    const period = inboxPeriod({ from: "2026-11-01", to: "2026-11-30" });
    expect(period.from.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(period.to.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    const fallback = inboxPeriod({}, new Date("2026-12-02T13:00:00Z"));
    expect(fallback.from.toISOString()).toBe("2026-11-26T00:00:00.000Z");
    expect(fallback.to.toISOString()).toBe("2026-12-03T00:00:00.000Z");
    const message = (at: string | null) => ({
      ref: "r",
      text: "t",
      at: at ? new Date(at) : null,
      agentTemplateId: null,
      reply: null,
      csat: null,
      resolved: null,
    });
    expect(periodOfMessages([message(null), message("2026-11-01T00:00:00Z")])).toBeNull();
    expect(
      periodOfMessages([message("2026-11-03T00:00:00Z"), message("2026-11-01T00:00:00Z")]),
    ).toEqual({
      from: new Date("2026-11-01T00:00:00Z"),
      to: new Date(Date.parse("2026-11-03T00:00:00Z") + 1),
    });
  });
});

import { describe, expect, it } from "vitest";
import { conversationPairs, faqPairs, labelledExamples } from "./examples";
import { makeReplyMatcher, renderForMatching } from "./reply-matcher";
import { parseFixture } from "./test-helpers";
import type { DatasetRow, Role } from "./types";

const msg = (line: number, conversationId: string, role: Role, text: string): DatasetRow => ({
  line,
  row: { kind: "message", conversationId, role, text, at: null },
});

describe("training examples from parsed rows", () => {
  it("labelled rows → (text, label); FAQ rows → (question, answer)", async () => {
    const banking = await parseFixture("good/banking77-sample.csv");
    expect(labelledExamples(banking.rows)[0]).toEqual({
      line: 2,
      text: "I am still waiting on my card?",
      label: "card_arrival",
    });
    const faq = await parseFixture("good/faq.csv");
    expect(faqPairs(faq.rows).map((p) => p.question)).toEqual([
      "What are your opening hours?",
      "Do you offer refunds?",
    ]);
  });

  it("conversations → customer turn + agent reply, joining split messages, skipping notes", () => {
    const pairs = conversationPairs([
      msg(1, "a", "agent", "Hi! How can I help?"),
      msg(2, "a", "customer", "My order is late."),
      msg(3, "b", "customer", "Refund please"),
      msg(4, "a", "customer", "Order 42."),
      msg(5, "a", "note", "check carrier"),
      msg(6, "a", "agent", "It ships today."),
      msg(7, "a", "agent", "Sorry for the wait."),
      msg(8, "a", "customer", "Thanks"),
      msg(9, "b", "agent", "Done."),
    ]);
    expect(pairs).toEqual([
      {
        conversationId: "a",
        line: 2,
        customer: "My order is late.\nOrder 42.",
        reply: "It ships today.\nSorry for the wait.",
      },
      { conversationId: "b", line: 3, customer: "Refund please", reply: "Done." },
    ]);
  });
});

describe("reply matcher", () => {
  const templates = [
    {
      id: "track",
      content:
        "Hi {name|there}! Your order {order_id} is on its way; track it with the link in your shipping email.",
    },
    {
      id: "refund",
      content: "We have issued a refund of {amount}; it reaches your card in 5–10 business days.",
    },
    {
      id: "password",
      content: "To reset your password, click Forgot password on the sign-in page.",
    },
  ];
  const matcher = makeReplyMatcher(templates);

  it("renders placeholders: fallbacks kept, variables and {{…}} dropped", () => {
    expect(
      renderForMatching("Hi {name|there}, order {id} {{Order Number}}.").replace(/\s+/g, " "),
    ).toBe("Hi there, order .");
  });

  it("matches a reply to the template it was written from, with its score", () => {
    const found = matcher.match(
      "Hi Sam! Your order 4412 is on its way, track it using the link in the shipping email.",
    );
    expect(found?.templateId).toBe("track");
    expect(found?.score).toBeGreaterThan(0.5);
    expect(
      matcher.best("We issued a refund of $20; it reaches your card within 10 business days.")
        ?.templateId,
    ).toBe("refund");
  });

  it("gives no example under the threshold", () => {
    const unrelated = "Our office dog is called Biscuit.";
    const best = matcher.best(unrelated);
    expect(best?.score ?? 0).toBeLessThan(0.25);
    expect(matcher.match(unrelated)).toBeNull();
    expect(makeReplyMatcher(templates, { threshold: 0 }).match(unrelated)).not.toBeNull();
    expect(matcher.best("!!!")).toBeNull();
  });

  it("gives no example when two templates score alike (no clear lead)", () => {
    const twins = makeReplyMatcher([
      { id: "a", content: "Your refund has been issued and reaches your card in 5 business days." },
      { id: "b", content: "Your refund has been issued and reaches your card in 7 business days." },
    ]);
    const best = twins.best(
      "Your refund has been issued and reaches your card in a few business days.",
    );
    expect(best?.score).toBeGreaterThan(0.5);
    expect(best?.margin).toBeLessThan(0.06);
    expect(
      twins.match("Your refund has been issued and reaches your card in a few business days."),
    ).toBeNull();
  });
});

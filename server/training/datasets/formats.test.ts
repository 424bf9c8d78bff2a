import { describe, expect, it } from "vitest";
import { parseFixture } from "./test-helpers";

const rowsOf = async (file: string) => {
  const { rows, outcome } = await parseFixture(file);
  expect(outcome.status, outcome.reason ?? "").toBe("ready");
  expect(outcome.errorCount).toBe(0);
  return { rows: rows.map((r) => r.row), lines: rows.map((r) => r.line), outcome };
};

describe("good fixtures, one per format", () => {
  it("conversations CSV, a row per message with any-case headers and role synonyms", async () => {
    const { rows, lines, outcome } = await rowsOf("good/conversations.csv");
    expect(outcome.format).toBe("conversations-csv");
    expect(outcome.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.map((r) => r.kind === "message" && `${r.conversationId}:${r.role}`)).toEqual([
      "c-1:customer",
      "c-1:agent",
      "c-1:customer",
      "c-2:customer",
      "c-2:agent",
      "c-2:note",
    ]);
    expect(rows[0]).toMatchObject({ at: "2026-03-02T09:14:00Z" });
    expect(lines).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it("conversations CSV, a row per conversation", async () => {
    const { rows } = await rowsOf("good/conversation-pairs.csv");
    expect(rows[1]).toEqual({
      kind: "message",
      conversationId: expect.stringMatching(/^pair-/),
      role: "agent",
      at: null,
      text: 'Click "Forgot password" on the sign-in page and follow the link we email you.',
    });
    expect(rows).toHaveLength(4);
    expect(rows[0]?.kind === "message" && rows[0].conversationId).not.toBe(
      rows[2]?.kind === "message" && rows[2].conversationId,
    );
  });

  it("conversations JSON and JSONL: per message and per conversation", async () => {
    const json = await rowsOf("good/conversations.json");
    expect(json.rows.map((r) => r.kind === "message" && r.role)).toEqual([
      "customer",
      "agent",
      "customer",
      "agent",
    ]);
    expect(json.lines).toEqual([1, 2, 3, 3]);
    const jsonl = await rowsOf("good/conversations.jsonl");
    expect(jsonl.outcome.format).toBe("conversations-jsonl");
    expect(jsonl.lines).toEqual([1, 2, 4, 4]);
  });

  it("Zendesk: requester is the customer, private comments are notes, description alone", async () => {
    const { rows, outcome } = await rowsOf("good/zendesk-tickets.json");
    expect(outcome.format).toBe("zendesk-json");
    expect(rows.map((r) => r.kind === "message" && `${r.conversationId}:${r.role}`)).toEqual([
      "1001:customer",
      "1001:note",
      "1001:agent",
      "1002:customer",
    ]);
  });

  it("Intercom: source then parts, HTML to text, bodiless parts skipped", async () => {
    const { rows, outcome } = await rowsOf("good/intercom-conversations.json");
    expect(outcome.format).toBe("intercom-json");
    expect(rows.map((r) => r.kind === "message" && [r.role, r.text])).toEqual([
      ["customer", "Hello, my discount code SPRING doesn't work."],
      ["agent", "Hi! That code expired on 31 March & can't be used any more."],
      ["note", "Offered 10% goodwill."],
      ["customer", "Ok, thanks."],
    ]);
  });

  it("FAQ: CSV, JSON, Markdown headings and Q:/A:", async () => {
    expect((await rowsOf("good/faq.csv")).rows[1]).toEqual({
      kind: "faq",
      question: "Do you offer refunds?",
      answer: "Yes: within 30 days of delivery for unused items.",
    });
    expect((await rowsOf("good/faq.json")).rows).toHaveLength(2);
    const headings = await rowsOf("good/faq-headings.md");
    expect(headings.outcome.format).toBe("faq-markdown");
    expect(headings.rows).toEqual([
      {
        kind: "faq",
        question: "How long does delivery take?",
        answer: "Usually 2–4 business days in the EU.",
      },
      {
        kind: "faq",
        question: "Do you ship internationally?",
        answer: "Yes, to 40 countries. Customs fees are paid by the recipient.",
      },
    ]);
    const qa = await rowsOf("good/faq-qa.md");
    expect(qa.rows).toEqual([
      {
        kind: "faq",
        question: "Which cards do you accept?",
        answer: "Visa, Mastercard and American Express.",
      },
      {
        kind: "faq",
        question: "Can I get an invoice?",
        answer: "Yes — download it from Account › Orders.\nIt includes VAT.",
      },
    ]);
    expect(qa.lines).toEqual([3, 6]);
  });

  it("knowledge: Markdown by heading (code blocks are not headings), text by blank lines, HTML safely", async () => {
    const md = await rowsOf("good/knowledge.md");
    expect(md.rows.map((r) => r.kind === "article" && r.title)).toEqual([
      "knowledge",
      "Returns",
      "Return shipping",
      "Warranty",
    ]);
    const txt = await rowsOf("good/knowledge.txt");
    expect(txt.rows).toEqual([
      {
        kind: "article",
        title: "Getting started",
        body: "Create an account, then add your first product.",
      },
      {
        kind: "article",
        title: "Payments",
        body: "We accept cards and bank transfers.\nPayouts happen weekly.",
      },
    ]);
    const html = await rowsOf("good/knowledge.html");
    expect(html.rows).toEqual([
      {
        kind: "article",
        title: "Accounts",
        body: "To delete your account, open Settings → Privacy.",
      },
      {
        kind: "article",
        title: "Passwords",
        body: "Passwords need 12 characters.\nUse a password manager.",
      },
    ]);
  });

  it("labelled: BANKING77 text,category, Bitext instruction,intent, Rasa YAML with entities stripped", async () => {
    const banking = await rowsOf("good/banking77-sample.csv");
    expect(banking.rows[0]).toEqual({
      kind: "example",
      text: "I am still waiting on my card?",
      label: "card_arrival",
    });
    const bitext = await rowsOf("good/bitext-sample.csv");
    expect(bitext.rows[0]).toEqual({
      kind: "example",
      text: "how can I cancel purchase 113542617735902?",
      label: "cancel_order",
    });
    const rasa = await rowsOf("good/rasa-nlu.yml");
    expect(rasa.rows).toEqual([
      { kind: "example", text: "hey", label: "greet" },
      { kind: "example", text: "hello there", label: "greet" },
      { kind: "example", text: "what is my balance", label: "check_balance" },
      { kind: "example", text: "how much money is on my credit card", label: "check_balance" },
    ]);
    expect(rasa.lines).toEqual([5, 6, 9, 10]);
  });
});

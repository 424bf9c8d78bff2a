import { describe, expect, it } from "vitest";
import { parseText } from "./test-helpers";

describe("format edge cases", () => {
  it("Zendesk incremental export as JSONL (one ticket, or {ticket}, per line)", async () => {
    const jsonl = [
      JSON.stringify({
        id: 7,
        requester_id: 1,
        comments: [
          { author_id: 1, public: true, body: "Hi, I need a refund." },
          { author_id: 2, public: true, body: "Done!" },
        ],
      }),
      "{broken",
      JSON.stringify({ ticket: { id: 8, requester_id: 3, description: "Where is my parcel?" } }),
    ].join("\n");
    const { rows, outcome } = await parseText(jsonl, { fileName: "tickets.jsonl" });
    expect(outcome.format).toBe("zendesk-json");
    expect(
      rows.map(
        (r) => r.row.kind === "message" && `${r.line}:${r.row.conversationId}:${r.row.role}`,
      ),
    ).toEqual(["1:7:customer", "1:7:agent", "3:8:customer"]);
    expect(outcome.errors.map((e) => e.line)).toEqual([2]);
  });

  it("a JSON message over the cell limit is a row error, not cut", async () => {
    const json = JSON.stringify([
      { conversation_id: "a", role: "customer", text: "x".repeat(30) },
      { conversation_id: "a", role: "agent", text: "short" },
    ]);
    const { rows, outcome } = await parseText(json, { fileName: "c.json", maxCellChars: 20 });
    expect(rows).toHaveLength(1);
    expect(outcome.errors).toEqual([
      { line: 1, reason: "The message text is 30 characters long; the limit is 20." },
    ]);
  });

  it("an unknown role is a row error naming it", async () => {
    const { outcome } = await parseText(
      "conversation_id,role,text\nc,martian,hello\nc,agent,hi\n",
      { fileName: "c.csv" },
    );
    expect(outcome.errors).toEqual([
      { line: 2, reason: 'The role "martian" is neither a customer nor an agent.' },
    ]);
  });

  it("a CSV whose columns fit no layout fails with the columns it has", async () => {
    const { outcome } = await parseText("foo,bar\n1,2\n", {
      fileName: "x.csv",
      format: "conversations-csv",
    });
    expect(outcome.status).toBe("failed");
    expect(outcome.reason).toBe(
      "The columns (foo, bar) do not fit: expected conversation id, role and text columns (a row per message), or customer message and agent reply columns (a row per conversation).",
    );
  });

  it("long knowledge sections are split at paragraphs, not refused", async () => {
    const paragraph = "word ".repeat(30).trim();
    const md = `# Manual\n\n${Array.from({ length: 6 }, () => paragraph).join("\n\n")}\n`;
    const { rows, outcome } = await parseText(md, { fileName: "m.md", maxCellChars: 400 });
    expect(outcome.status).toBe("ready");
    expect(rows.map((r) => r.row.kind === "article" && r.row.title)).toEqual([
      "Manual (1)",
      "Manual (2)",
      "Manual (3)",
    ]);
    expect(rows.every((r) => r.row.kind === "article" && r.row.body.length <= 400)).toBe(true);
  });

  it("HTML: scripts, styles and comments never become text", async () => {
    const html =
      "<html><body><h1>T</h1><script>steal()</script><style>p{}</style><!-- secret --><p>Visible &amp; safe</p></body></html>";
    const { rows } = await parseText(html, { fileName: "k.html" });
    expect(rows.map((r) => r.row)).toEqual([
      { kind: "article", title: "T", body: "Visible & safe" },
    ]);
  });

  it("Rasa: an intent without examples is a row error on its line", async () => {
    const yaml =
      'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hi\n- intent: empty\n';
    const { rows, outcome } = await parseText(yaml, { fileName: "nlu.yml" });
    expect(rows).toHaveLength(1);
    expect(outcome.errors).toEqual([
      { line: 6, reason: 'Intent "empty" has no "examples: |" block.' },
    ]);
  });

  it("the same customer/agent exchange on two rows is one conversation, counted as duplicate", async () => {
    const csv = "customer_message,agent_reply\nHi,Hello!\nHi,Hello!\nBye,See you\n";
    const { rows, outcome } = await parseText(csv, { fileName: "p.csv" });
    expect(rows.map((r) => r.line)).toEqual([2, 2, 4, 4]);
    expect(outcome.duplicates).toBe(2);
  });
});

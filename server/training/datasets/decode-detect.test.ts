import { describe, expect, it } from "vitest";
import { binaryKind, sniffEncoding } from "./decode";
import { detectFormat } from "./detect";
import { parseText } from "./test-helpers";

const bytes = (...b: number[]) => new Uint8Array(b);

describe("encoding and binaries", () => {
  it("sniffs BOMs, UTF-8 and falls back to windows-1252", () => {
    expect(sniffEncoding(bytes(0xef, 0xbb, 0xbf, 0x61), true)).toBe("utf-8-bom");
    expect(sniffEncoding(bytes(0xff, 0xfe, 0x61, 0), true)).toBe("utf-16le");
    expect(sniffEncoding(bytes(0xfe, 0xff, 0, 0x61), true)).toBe("utf-16be");
    expect(sniffEncoding(new TextEncoder().encode("café"), true)).toBe("utf-8");
    expect(sniffEncoding(bytes(0x63, 0x61, 0x66, 0xe9), true)).toBe("windows-1252");
    // A character cut at the end of a 64 KB head is not a reason to leave UTF-8.
    expect(sniffEncoding(bytes(0x61, 0xc3), false)).toBe("utf-8");
  });

  it("names binaries by magic bytes and refuses NUL-heavy content", () => {
    expect(binaryKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d))).toBe("a PNG image");
    expect(binaryKind(new TextEncoder().encode("%PDF-1.7"))).toBe("a PDF document");
    expect(binaryKind(new TextEncoder().encode("a\0b\0c\0d\0"))).toBe(
      "binary data (many NUL bytes)",
    );
    expect(binaryKind(new TextEncoder().encode("text,label\n"))).toBeNull();
  });

  it("fails a file whose UTF-8 breaks after the sniffed head, naming the byte", async () => {
    const head = new TextEncoder().encode(`text,label\n${"ok,a\n".repeat(14_000)}`);
    async function* source() {
      yield head;
      yield bytes(0x62, 0xff, 0x2c, 0x61, 0x0a);
    }
    const { collect, parseDataset } = await import("./parse-dataset");
    const { outcome } = await collect(parseDataset(source(), { fileName: "x.csv" }));
    expect(outcome.status).toBe("failed");
    expect(outcome.reason).toMatch(
      /^The file is not valid UTF-8 after byte 70,011: it mixes encodings/,
    );
  });
});

describe("detectFormat", () => {
  it.each([
    ["a.csv", "text,label\nhi,greet", "labelled-csv"],
    ["a.csv", "Question,Answer\nq,a", "faq-csv"],
    ["a.csv", "conversation_id,role,text\n", "conversations-csv"],
    ["a.csv", "instruction,intent,response\n", "conversations-csv"],
    ["export.json", '{"tickets": [{"id": 1, "requester_id": 2}]}', "zendesk-json"],
    ["export.json", '{"conversations": [{"conversation_parts": {}}]}', "intercom-json"],
    ["faq.json", '[{"question": "q", "answer": "a"}]', "faq-json"],
    [
      "data",
      '{"role": "user", "text": "a"}\n{"role": "agent", "text": "b"}\n',
      "conversations-jsonl",
    ],
    ["nlu.yml", "version: '3.1'\nnlu:\n", "rasa-yaml"],
    ["page.html", "<p>hi</p>", "knowledge-html"],
    ["notes.txt", "hello", "knowledge-text"],
    ["faq.md", "**Q:** a\n**A:** b", "faq-markdown"],
    ["guide.md", "# Intro\ntext", "knowledge-markdown"],
  ])("%s %j → %s", (name, head, format) => {
    expect(detectFormat(name, head).format).toBe(format);
  });

  it("obeys an explicit format, and a chosen kind keeps the container", () => {
    expect(detectFormat("a.csv", "text,label\n", "faq-csv").format).toBe("faq-csv");
    expect(detectFormat("a.csv", "instruction,intent,response\n", "labelled").format).toBe(
      "labelled-csv",
    );
    expect(detectFormat("guide.md", "# Intro\n", "faq").format).toBe("faq-markdown");
  });

  it("uses configured label columns", async () => {
    const { rows, outcome } = await parseText("utterance_text,tag\nhello,greet\n", {
      fileName: "x.csv",
      format: "labelled-csv",
      columns: { text: "utterance_text", label: "tag" },
    });
    expect(outcome.status).toBe("ready");
    expect(rows[0]?.row).toEqual({ kind: "example", text: "hello", label: "greet" });
  });
});

describe("row validation", () => {
  it("NFC-normalises, refuses NUL, lone surrogates and bidi controls, deduplicates", async () => {
    const csv = [
      "text,label",
      "cafe\u0301,a",
      "café,a",
      "bad\u0000nul,a",
      "trojan\u202Esource,a",
      "fine,b",
      "",
    ].join("\n");
    const { rows, outcome } = await parseText(csv, { fileName: "x.csv" }, 5);
    expect(rows.map((r) => r.row)).toEqual([
      { kind: "example", text: "café", label: "a" },
      { kind: "example", text: "fine", label: "b" },
    ]);
    expect(outcome).toMatchObject({ status: "ready", rows: 2, duplicates: 1, errorCount: 2 });
    expect(outcome.errors.map((e) => e.line)).toEqual([4, 5]);
    expect(outcome.errors[0]?.reason).toBe("The text contains a NUL character (\\0); remove it.");
  });

  it("refuses a lone surrogate, which only a JSON escape can produce", async () => {
    const jsonl =
      '{"conversation_id":"c","role":"customer","text":"bad \\ud800 one"}\n{"conversation_id":"c","role":"agent","text":"ok"}\n';
    const { rows, outcome } = await parseText(jsonl, { fileName: "x.jsonl" });
    expect(rows).toHaveLength(1);
    expect(outcome.errors).toEqual([
      {
        line: 1,
        reason:
          "The message text contains an invalid character (a lone UTF-16 surrogate); paste it again as text.",
      },
    ]);
  });

  it("keeps the first 1,000 errors and counts them all", async () => {
    const csv = `text,label\n${"x,\n".repeat(1500)}ok,a\n`;
    const { outcome } = await parseText(csv, { fileName: "x.csv" }, 4096);
    expect(outcome.errorCount).toBe(1500);
    expect(outcome.errors).toHaveLength(1000);
    expect(outcome.status).toBe("ready");
  });

  it("gives the same sha256 for the same bytes however they are chunked", async () => {
    const a = await parseText("text,label\nhi,a\n", { fileName: "x.csv" }, 3);
    const b = await parseText("text,label\nhi,a\n", { fileName: "x.csv" }, 100);
    expect(a.outcome.sha256).toBe(b.outcome.sha256);
    // printf 'text,label\nhi,a\n' | sha256sum
    expect(a.outcome.sha256).toBe(
      "8c9f94a0cb9e48682fc57e83f4f55554efcf4a5b8fd64bf07f14e32d0821c9a9",
    );
  });
});

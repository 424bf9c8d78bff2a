import { describe, expect, it } from "vitest";
import { collect, parseDataset } from "./parse-dataset";
import { parseFixture } from "./test-helpers";

describe("bad-input corpus: each file gives its exact outcome", () => {
  it("empty file → failed", async () => {
    const { outcome } = await parseFixture("bad/empty.csv");
    expect(outcome).toMatchObject({
      status: "failed",
      reason: "The file is empty.",
      rows: 0,
      bytes: 0,
    });
  });

  it("Latin-1 text → decoded as windows-1252 and recorded", async () => {
    const { rows, outcome } = await parseFixture("bad/latin1.csv");
    expect(outcome).toMatchObject({
      status: "ready",
      encoding: "windows-1252",
      rows: 2,
      errorCount: 0,
    });
    expect(rows.map((r) => r.row)).toEqual([
      { kind: "example", text: "café crème", label: "food" },
      { kind: "example", text: "naïve question", label: "other" },
    ]);
  });

  it("UTF-16 with BOM → decoded", async () => {
    const { rows, outcome } = await parseFixture("bad/utf16-bom.csv");
    expect(outcome).toMatchObject({ status: "ready", encoding: "utf-16le", rows: 2 });
    expect(rows[0]?.row).toEqual({ kind: "example", text: "hello wörld", label: "greet" });
  });

  it("ragged rows → per-row errors with line numbers, the rest kept", async () => {
    const { rows, outcome } = await parseFixture("bad/ragged.csv");
    expect(outcome).toMatchObject({ status: "ready", rows: 2, errorCount: 2 });
    expect(outcome.errors).toEqual([
      { line: 3, reason: "The row has 3 cells; the header has 2." },
      { line: 4, reason: "The row has 1 cells; the header has 2." },
    ]);
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
  });

  it("unclosed quote → one error naming the line it opened on", async () => {
    const { outcome } = await parseFixture("bad/unclosed-quote.csv");
    expect(outcome).toMatchObject({ status: "ready", rows: 1, errorCount: 1 });
    expect(outcome.errors).toEqual([
      {
        line: 3,
        reason: "Unclosed quote: the quoted field opened on line 3 runs to the end of the file.",
      },
    ]);
  });

  it("100,000-character cell → a row error, not truncated", async () => {
    const { rows, outcome } = await parseFixture("bad/huge-cell.csv");
    expect(outcome).toMatchObject({ status: "ready", rows: 2, errorCount: 1 });
    expect(outcome.errors).toEqual([
      { line: 3, reason: "A cell is longer than 20,000 characters." },
    ]);
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it("JSON that is not an array → failed", async () => {
    const { outcome } = await parseFixture("bad/not-an-array.json");
    expect(outcome).toMatchObject({
      status: "failed",
      reason: 'The JSON must be an array of records ([ … ]); it starts with "{".',
    });
  });

  it("JSONL with one broken line → that line is an error", async () => {
    const { rows, outcome } = await parseFixture("bad/broken-line.jsonl");
    expect(outcome).toMatchObject({ status: "ready", rows: 2, errorCount: 1 });
    expect(outcome.errors[0]?.line).toBe(2);
    expect(outcome.errors[0]?.reason).toMatch(/^Invalid JSON: /);
    expect(rows.map((r) => r.line)).toEqual([1, 3]);
  });

  it("YAML billion laughs → refused", async () => {
    const { outcome } = await parseFixture("bad/billion-laughs.yml");
    expect(outcome).toMatchObject({
      status: "failed",
      reason: "The YAML is refused: Excessive alias count indicates a resource exhaustion attack",
    });
  });

  it("zip renamed to .csv → refused as a binary", async () => {
    const { outcome } = await parseFixture("bad/zip-renamed.csv");
    expect(outcome).toMatchObject({
      status: "failed",
      reason:
        "This is a zip archive (or an Office document), not a text file: export the data as CSV, JSON, Markdown or text.",
      bytes: 134,
      sha256: null,
    });
  });

  it("a file over the size limit → failed while streaming, without reading it all", async () => {
    let produced = 0;
    async function* big(): AsyncGenerator<Uint8Array> {
      const line = new TextEncoder().encode("some text,a_label\n".repeat(1000));
      yield new TextEncoder().encode("text,label\n");
      for (let i = 0; i < 10_000; i++) {
        produced += line.byteLength;
        yield line;
      }
    }
    const { outcome } = await collect(
      parseDataset(big(), { fileName: "big.csv", maxBytes: 1024 * 1024 }),
    );
    expect(outcome).toMatchObject({
      status: "failed",
      reason: "The file is larger than the 1 MB limit; split it into smaller files.",
      sha256: null,
    });
    expect(produced).toBeLessThan(2 * 1024 * 1024);
  });

  it("a file of only bad rows → failed, never ready with nothing", async () => {
    const { outcome } = await collect(
      parseDataset(
        (async function* () {
          yield new TextEncoder().encode("text,label\n,x\n");
        })(),
        { fileName: "a.csv" },
      ),
    );
    expect(outcome).toMatchObject({
      status: "failed",
      reason: "No usable rows: all 1 had errors (see the list).",
      errorCount: 1,
    });
  });
});

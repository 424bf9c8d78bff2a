import { describe, expect, it } from "vitest";
import { csvRecords } from "./csv-stream";
import { jsonArrayElements } from "./json-stream";
import { textLines } from "./lines";

async function* pieces(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
const all = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe("csvRecords", () => {
  const text = 'a,b\r\n"x, ""quoted""\nline",2\r\n\r\nplain,3\rlast,"4"';
  it.each([1, 2, 3, 5, 100])(
    "gives the same records whatever the chunk size (%i)",
    async (size) => {
      expect(await all(csvRecords(pieces(text, size), 1000))).toEqual([
        { line: 1, fields: ["a", "b"] },
        { line: 2, fields: ['x, "quoted"\nline', "2"] },
        { line: 5, fields: ["plain", "3"] },
        { line: 6, fields: ["last", "4"] },
      ]);
    },
  );

  it("reports a stray quote and text after a closing quote for that record only", async () => {
    const records = await all(csvRecords(pieces('a"b,c\n"x"y,z\nok,1\n', 4), 1000));
    expect(records.map((r) => r.error ?? null)).toEqual([
      "Unexpected quote inside an unquoted field on line 1: quote the whole field and double the quote.",
      "Unexpected text after a closing quote on line 2.",
      null,
    ]);
  });

  it("stops growing a field at the limit and reports it", async () => {
    const records = await all(csvRecords(pieces(`${"y".repeat(50)},1\nshort,2\n`, 8), 10));
    expect(records[0]?.error).toBe("A cell is longer than 10 characters.");
    expect(records[1]).toEqual({ line: 2, fields: ["short", "2"] });
  });
});

describe("jsonArrayElements", () => {
  const text = ' [ {"a": "x]}\\"", "n": [1, {"b": 2}]}, 3, "s,]", {"broken": }, null ]  ';
  it.each([1, 4, 1000])("splits elements across chunks (%i)", async (size) => {
    const items = await all(jsonArrayElements(pieces(text, size), [], 1000));
    expect(items.map((i) => ("value" in i ? i.value : "error"))).toEqual([
      { a: 'x]}"', n: [1, { b: 2 }] },
      3,
      "s,]",
      "error",
      null,
    ]);
    expect(items.map((i) => i.index)).toEqual([1, 2, 3, 4, 5]);
  });

  it("finds the array under a key of a top-level object", async () => {
    const items = await all(
      jsonArrayElements(
        pieces('{"count": 1, "next": "tickets", "tickets": [{"id": 1}], "x": [2]}', 3),
        ["tickets"],
        1000,
      ),
    );
    expect(items).toEqual([{ index: 1, value: { id: 1 } }]);
  });

  it("refuses text that is not an array and arrays that never close", async () => {
    await expect(all(jsonArrayElements(pieces('"hi"', 2), [], 1000))).rejects.toThrow(
      'The JSON must be an array of records ([ … ]); it starts with "\\"".',
    );
    await expect(all(jsonArrayElements(pieces('[{"a":1}', 2), [], 1000))).rejects.toThrow(
      "The JSON ends before the array is closed.",
    );
    await expect(
      all(jsonArrayElements(pieces('{"other": []}', 2), ["tickets"], 1000)),
    ).rejects.toThrow('The JSON object has no "tickets" array.');
  });
});

describe("textLines", () => {
  it.each([1, 2, 50])("numbers LF, CRLF and CR lines across chunks (%i)", async (size) => {
    const lines = await all(textLines(pieces("a\r\nb\rc\n\nd", size)));
    expect(lines).toEqual([
      { line: 1, text: "a" },
      { line: 2, text: "b" },
      { line: 3, text: "c" },
      { line: 4, text: "" },
      { line: 5, text: "d" },
    ]);
  });
});

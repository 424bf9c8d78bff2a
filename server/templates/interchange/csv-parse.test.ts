import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv-parse";
import { neutraliseFormula, restoreFormula, writeCsv } from "./csv-write";

describe("parseCsv", () => {
  it("reads quoted commas, doubled quotes and line breaks inside quotes", () => {
    const { records, problems } = parseCsv(
      'a,"b,c","say ""hi""","multi\r\nline\nfield"\r\nx,y,z,w\r\n',
    );
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ["a", "b,c", 'say "hi"', "multi\r\nline\nfield"] },
      { line: 4, fields: ["x", "y", "z", "w"] },
    ]);
  });

  it("accepts LF, CRLF and lone CR record ends, a BOM, and no final newline", () => {
    expect(parseCsv("\uFEFFa,b\nc,d\re,f\r\ng,h").records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["c", "d"] },
      { line: 3, fields: ["e", "f"] },
      { line: 4, fields: ["g", "h"] },
    ]);
  });

  it("keeps empty fields, including a trailing one, and skips blank lines", () => {
    expect(parseCsv('a,,"",\n\n\nb,c,d,e\n').records).toEqual([
      { line: 1, fields: ["a", "", "", ""] },
      { line: 4, fields: ["b", "c", "d", "e"] },
    ]);
  });

  it("reports text after a closing quote with its line and column, and goes on", () => {
    const { records, problems } = parseCsv('h1,h2\n"multi\nline"x,ok\nnext,row\n');
    expect(problems).toEqual([
      {
        line: 2,
        message: "Unexpected text after a closing quote at line 3, column 6.",
        fields: ["multi\nlinex", "ok"],
      },
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 4]);
  });

  it("reports a quote inside an unquoted field", () => {
    expect(parseCsv('a,b"c\nd,e').problems).toEqual([
      {
        line: 1,
        fields: ["a", 'b"c'],
        message:
          "Unexpected quote inside an unquoted field at line 1, column 4: quote the whole field and double the quote.",
      },
    ]);
  });

  it("reports an unterminated quote where it opens", () => {
    const { records, problems } = parseCsv('a,b\nc,"never\nclosed,\n');
    expect(records).toEqual([{ line: 1, fields: ["a", "b"] }]);
    expect(problems).toEqual([
      {
        line: 2,
        message: "Unterminated quoted field starting at line 2, column 3: the file ends inside it.",
        fields: ["c", "never\nclosed,\n"],
      },
    ]);
  });

  it("stays linear on pathological input", () => {
    const started = performance.now();
    parseCsv(`${'"'.repeat(200_001)}\n${",".repeat(200_000)}\n${'x"'.repeat(100_000)}`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("writeCsv", () => {
  it("quotes only what needs quoting and ends records with CRLF", () => {
    expect(writeCsv([["plain", "a,b", 'q"t', "l\nf", " pad"]])).toBe(
      'plain,"a,b","q""t","l\nf"," pad"\r\n',
    );
  });

  it("round-trips through the parser", () => {
    const rows = [
      ["a", 'he said "no", then\r\nleft', ""],
      ["", ",", '"'],
    ];
    expect(parseCsv(writeCsv(rows)).records.map((r) => r.fields)).toEqual(rows);
  });
});

describe("formula neutralising", () => {
  it.each([
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["'=already", "''=already"],
    ["safe", "safe"],
    ["a=b", "a=b"],
    ["'quoted", "'quoted"],
  ])("writes %j as %j and reads it back", (cell, written) => {
    expect(neutraliseFormula(cell)).toBe(written);
    expect(restoreFormula(written)).toBe(cell);
  });
});

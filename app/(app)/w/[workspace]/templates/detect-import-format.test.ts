import { describe, expect, it } from "vitest";
import { detectImportFormat } from "./detect-import-format";

const png = "\uFFFDPNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001\u0000";

describe("detectImportFormat", () => {
  it("refuses binaries plainly, whatever their name", () => {
    expect(detectImportFormat("templates.json", png)).toMatchObject({ kind: "binary" });
  });

  it("never turns plain text into CSV because of nothing", () => {
    expect(detectImportFormat("notes.json", "Hello there, this is a note.")).toEqual({
      kind: "unknown",
    });
    expect(detectImportFormat("", "just pasted words")).toEqual({ kind: "unknown" });
  });

  it("recognises pasted content by what it holds", () => {
    expect(
      detectImportFormat("", '{"format":"parley.templates","version":1,"templates":[]}'),
    ).toEqual({
      kind: "format",
      format: "json",
    });
    expect(detectImportFormat("", "name,category,content\nA,,Hi")).toEqual({
      kind: "format",
      format: "csv",
    });
    expect(detectImportFormat("x.csv", '[{"short_code":"hi","content":"Hi"}]')).toEqual({
      kind: "format",
      format: "chatwoot",
    });
  });
});

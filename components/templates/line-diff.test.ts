import { describe, expect, it } from "vitest";
import { diffLines, foldUnchanged } from "./line-diff";

const kinds = (old: string, next: string) =>
  diffLines(old, next).map((line) => `${line.kind[0]}:${line.text}`);

describe("diffLines", () => {
  it("marks nothing when the texts are equal", () => {
    expect(kinds("a\nb", "a\nb")).toEqual(["s:a", "s:b"]);
  });

  it("finds an inserted, a removed and a changed line", () => {
    expect(kinds("a\nb\nc\nd", "a\nx\nc\nd\ne")).toEqual([
      "s:a",
      "r:b",
      "a:x",
      "s:c",
      "s:d",
      "a:e",
    ]);
  });

  it("aligns on the longest common subsequence", () => {
    expect(kinds("x\na\nb\nc", "a\nb\ny\nc")).toEqual(["r:x", "s:a", "s:b", "a:y", "s:c"]);
  });

  it("handles empty texts and all line endings", () => {
    expect(kinds("", "a")).toEqual(["a:a"]);
    expect(kinds("a\r\nb", "")).toEqual(["r:a", "r:b"]);
  });

  it("numbers lines on both sides", () => {
    const lines = diffLines("a\nb", "z\na\nb");
    expect(lines[0]).toEqual({ kind: "added", text: "z", newLine: 1 });
    expect(lines[2]).toEqual({ kind: "same", text: "b", oldLine: 2, newLine: 3 });
  });
});

describe("foldUnchanged", () => {
  it("keeps context around changes and folds the rest", () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i}`).join("\n");
    const next = old.replace("line 10", "changed");
    const chunks = foldUnchanged(diffLines(old, next), 2);
    expect(chunks.map((c) => (c.kind === "folded" ? c.count : c.lines.length))).toEqual([8, 6, 7]);
  });
});

import { describe, expect, it } from "vitest";
import { editDistance } from "./edit-distance";

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "")).toBe(3);
    expect(editDistance("same text", "same text")).toBe(0);
    expect(editDistance("Your order 123 shipped.", "Your order 123 has shipped.")).toBe(4);
  });

  it("answers null instead of filling a table past its budget", () => {
    expect(editDistance("a".repeat(100), "b".repeat(100), 1_000)).toBeNull();
    expect(editDistance("a".repeat(100), "b".repeat(100))).toBe(100);
  });
});

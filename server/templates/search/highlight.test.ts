import { describe, expect, it } from "vitest";
import { highlightText, matchersFor, SNIPPET_LENGTH, snippet } from "./highlight";

describe("highlightText", () => {
  it("marks words starting with a typed term and words equal to a correction", () => {
    const matchers = matchersFor(["refnud", "pol"], ["refund"]);
    expect(highlightText("Refund policy (EU)", matchers)).toEqual([
      { text: "Refund", match: true },
      { text: " ", match: false },
      { text: "policy", match: true },
      { text: " (EU)", match: false },
    ]);
  });

  it("returns the text unchanged as one segment when nothing matches, and never HTML", () => {
    const text = "<b>Order</b> & co";
    expect(highlightText(text, matchersFor(["zzz"], []))).toEqual([{ text, match: false }]);
    expect(
      highlightText(text, matchersFor(["order"], []))
        .map((s) => s.text)
        .join(""),
    ).toBe(text);
  });
});

describe("snippet", () => {
  const filler = "lorem ipsum dolor sit amet ".repeat(20);
  const content = `${filler}Your refund\n\nwas issued today. ${filler}`;

  it("shows the content around the first match, whitespace collapsed, cut at words", () => {
    const segments = snippet(content, matchersFor(["refund"], []));
    const text = segments.map((s) => s.text).join("");
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(["refund"]);
    expect(text.startsWith("… ")).toBe(true);
    expect(text.endsWith(" …")).toBe(true);
    expect(text).toContain("Your refund was issued");
    expect(text.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 20);
    expect(text).not.toMatch(/ \w{1,2} …$|^… \w{1,2} /); // no word cut in half at either end
  });

  it("starts at the beginning when nothing in the content matches", () => {
    const segments = snippet("Short reply.", matchersFor(["refund"], []));
    expect(segments).toEqual([{ text: "Short reply.", match: false }]);
  });
});

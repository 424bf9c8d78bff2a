import { describe, expect, it } from "vitest";
import { buildTextIndex, matchText } from "./text-match";
import { contentTokens, jaccard, lightStem } from "./text-tokens";

describe("contentTokens", () => {
  it("keeps content words once, normalised and lightly stemmed", () => {
    expect(contentTokens("Hi! My PARCELS haven't shipped, the parcel is lost")).toEqual([
      "parcel",
      "haven",
      "shipp",
      "lost",
    ]);
    expect(lightStem("shipping")).toBe(lightStem("shipped"));
    expect(lightStem("status")).toBe("status");
    expect(lightStem("address")).toBe("address");
    expect(jaccard(["a", "b"], ["b", "c"])).toBeCloseTo(1 / 3, 10);
    expect(jaccard([], [])).toBe(0);
  });
});

describe("matchText", () => {
  it("scores templates by shared words, name above text, in [0, 1]", () => {
    const index = buildTextIndex([
      { name: "Shipping times", triggerText: "", content: "Parcels arrive within a week." },
      { name: "Password reset", triggerText: "forgot password", content: "Reset it here." },
    ]);
    const scores = matchText(index, contentTokens("when will my parcel ship?"));
    expect(scores.get(0)).toBeGreaterThan(0);
    expect(scores.get(0)).toBeLessThanOrEqual(1);
    expect(scores.has(1)).toBe(false);
    expect(matchText(index, contentTokens("I forgot my password")).get(1)).toBeGreaterThan(0.3);
  });
});

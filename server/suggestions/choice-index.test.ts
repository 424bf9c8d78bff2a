import { describe, expect, it } from "vitest";
import { indexChoices, SIMILARITY_FLOOR, similarChoices } from "./choice-index";
import { contentTokens } from "./text-tokens";

const choice = (templateId: string, text: string, textHash = `hash:${text}`) => ({
  templateId,
  textHash,
  tokens: contentTokens(text),
});

describe("similarChoices over the in-memory index", () => {
  const index = indexChoices([
    choice("parcel", "my parcel is delayed, is it lost?"),
    choice("refund", "I want my money back for this order"),
    choice("parcel-again", "parcel delayed again"),
    choice("same-text", "completely different words here", "hash:exact"),
  ]);

  it("counts the same text fully, whatever its words", () => {
    const found = similarChoices(index, { textHash: "hash:exact", tokens: ["zebra"] });
    expect(found).toEqual([{ templateId: "same-text", similarity: 1 }]);
  });

  it("keeps overlapping messages from the floor up, in the window's order", () => {
    const tokens = contentTokens("My parcel is delayed. Is it lost??");
    const found = similarChoices(index, { textHash: "other", tokens });
    expect(found.map((f) => f.templateId)).toEqual(["parcel", "parcel-again"]);
    expect(found[0]?.similarity).toBe(1);
    // {parcel, delay} of {parcel, delay, lost} ∪ {parcel, delay, again}: 2 / 4.
    expect(found[1]?.similarity).toBeCloseTo(0.5, 10);
    expect(found.every((f) => f.similarity >= SIMILARITY_FLOOR)).toBe(true);
  });

  it("drops overlaps below the floor and messages that share no word", () => {
    const lowOverlap = contentTokens("order status for my new phone case please");
    expect(similarChoices(index, { textHash: "x", tokens: lowOverlap })).toEqual([]);
    expect(similarChoices(index, { textHash: "x", tokens: [] })).toEqual([]);
  });
});

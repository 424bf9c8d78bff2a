import { describe, expect, it } from "vitest";
import { documentFrequencies, keyPhrases, phraseTerms } from "./key-phrases";

describe("key phrases of a group of messages", () => {
  const corpus = [
    "where is my bloody order",
    "my bloody order never came",
    "cancel my damn order now",
    "the bloody order is late again",
    "how do i reset my password",
    "password reset link expired",
    "change my delivery address",
    "update delivery address please",
  ];
  const sets = corpus.map(phraseTerms);
  const df = documentFrequencies(sets);

  it("name what the group asks about, not the swearing it shares", () => {
    const angry = sets.slice(0, 4);
    const phrases = keyPhrases(angry, df, corpus.length);
    expect(phrases[0]).toBe("order");
    expect(phrases.join(" ")).not.toMatch(/bloody|damn/);
  });

  it("keep ordinary words and their bigrams", () => {
    expect([...phraseTerms("update delivery address please")]).toEqual([
      "update",
      "update delivery",
      "delivery",
      "delivery address",
      "address",
    ]);
    expect(keyPhrases(sets.slice(4, 6), df, corpus.length)).toContain("password");
  });
});

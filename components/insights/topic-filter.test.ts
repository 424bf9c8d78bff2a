import { describe, expect, it } from "vitest";
import { filterTopics } from "./topic-filter";

const topics = [
  {
    id: "refund",
    topic: "refund, card",
    keyPhrases: ["refund", "card payment"],
    examples: ["Where is my refund for the café order?"],
    answered: true,
  },
  {
    id: "crypto",
    topic: "bitcoin, wallet",
    keyPhrases: ["bitcoin", "crypto wallet"],
    examples: ["Can I buy Bitcoin in the app?"],
    answered: false,
  },
];
const ids = (list: readonly { id: string }[]) => list.map((t) => t.id);

describe("filterTopics", () => {
  it("keeps every topic for an empty query and 'all'", () => {
    expect(ids(filterTopics(topics, "  ", "all"))).toEqual(["refund", "crypto"]);
  });

  it("matches words in the name, key phrases and examples, case and accents ignored", () => {
    expect(ids(filterTopics(topics, "WALLET", "all"))).toEqual(["crypto"]);
    expect(ids(filterTopics(topics, "cafe", "all"))).toEqual(["refund"]);
    expect(ids(filterTopics(topics, "buy app", "all"))).toEqual(["crypto"]);
  });

  it("needs every word to match", () => {
    expect(ids(filterTopics(topics, "refund bitcoin", "all"))).toEqual([]);
  });

  it("filters by answered and unanswered, together with the words", () => {
    expect(ids(filterTopics(topics, "", "answered"))).toEqual(["refund"]);
    expect(ids(filterTopics(topics, "", "unanswered"))).toEqual(["crypto"]);
    expect(ids(filterTopics(topics, "refund", "unanswered"))).toEqual([]);
  });
});

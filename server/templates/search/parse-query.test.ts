import { describe, expect, it } from "vitest";
import { buildTsQuery, correctableWords, parseSearchQuery } from "./parse-query";

const tsquery = (input: string, corrections?: Map<string, string[]>) =>
  buildTsQuery(parseSearchQuery(input), corrections);

describe("parseSearchQuery / buildTsQuery", () => {
  it("makes every word a prefix, ANDed", () => {
    expect(tsquery("Refund pol")).toBe("(('refund':*) & ('pol':*))");
    expect(parseSearchQuery("Refund pol").text).toBe("refund pol");
  });

  it("ORs misspelled words with their corrections, which match whole words", () => {
    const corrections = new Map([
      ["refnud", ["refund", "refunds"]],
      ["polcy", ["policy"]],
    ]);
    expect(tsquery("refnud polcy", corrections)).toBe(
      "(('refnud':* | 'refund' | 'refunds') & ('polcy':* | 'policy'))",
    );
  });

  it("keeps quoted words adjacent, the last one a prefix; excludes -words; splits on or", () => {
    expect(tsquery('"where is my ord" -cancel')).toBe(
      "(('where' <-> 'is' <-> 'my' <-> 'ord':*) & !('cancel'))",
    );
    expect(tsquery("refund OR return")).toBe("(('refund':*)) | (('return':*))");
    expect(tsquery("e-mail")).toBe("(('e' <-> 'mail':*))");
  });

  it("drops punctuation and operators: user text never reaches the query syntax", () => {
    expect(tsquery("'); drop table templates; -- :* & | ! <->")).toBe(
      "(('drop':*) & ('table':*) & ('templates':*))",
    );
    expect(tsquery("!!! ''' \\")).toBeNull();
    expect(tsquery("-refund")).toBeNull();
    expect(tsquery("   ")).toBeNull();
  });

  it("normalises case and compatibility forms, keeps letters of any script", () => {
    expect(tsquery("ＲＥＦＵＮＤ Größe пароль")).toBe(
      "(('refund':*) & ('größe':*) & ('пароль':*))",
    );
  });

  it("bounds the number of clauses", () => {
    const many = Array.from({ length: 30 }, (_, i) => `w${i}`).join(" ");
    expect(parseSearchQuery(many).groups[0]).toHaveLength(8);
  });

  it("corrects only single positive words of four letters or more", () => {
    expect(correctableWords(parseSearchQuery('refnud ord "polcy x" -cancle shiping'))).toEqual([
      "refnud",
      "shiping",
    ]);
  });
});

describe("any Unicode input", () => {
  it("lower-cases like PostgreSQL: İstanbul is 'istanbul', not i + U+0307", () => {
    expect(tsquery("İstanbul")).toBe("(('istanbul':*))");
    expect(tsquery("ΟΔΟΣ")).toBe("(('οδοσ':*))");
    expect(tsquery("हिन्दी")).toBe("(('हिन्दी':*))");
  });

  it("never produces an unsafe lexeme, from queries or from stored corrections", () => {
    const inputs = ["İ", "\u0307x", "a\u0000b", "\uD800", "x\u202Ey", "'\\", "ﬁ½ǅ", "🙂 ẞ"];
    for (const input of inputs) expect(() => tsquery(input)).not.toThrow();
    const parsed = parseSearchQuery("istanbull");
    const corrections = new Map([["istanbull", ["i\u0307stanbul", "it's", "istanbul"]]]);
    // The stale word is harmless (quoted, matches nothing); the one with a quote is dropped.
    expect(buildTsQuery(parsed, corrections)).toBe(
      "(('istanbull':* | 'i\u0307stanbul' | 'istanbul'))",
    );
  });
});

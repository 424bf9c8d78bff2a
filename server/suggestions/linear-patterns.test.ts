import { describe, expect, it } from "vitest";
import { seededRandom } from "@/server/training/evaluation/random";
import { extractFromText } from "./extract-values";
import { collapseWhitespace, findEmail, replaceEmails } from "./linear-patterns";

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** A seeded generator (mulberry32), so a failure can be replayed. */
/** Short texts over the characters the patterns care about, most of them near-misses. */
function texts(count: number, alphabet: string, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const length = Math.floor(random() * 24);
    let s = "";
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(random() * alphabet.length)];
    return s;
  });
}

describe("findEmail and replaceEmails", () => {
  it("answer exactly as the regular expression does", () => {
    for (const text of texts(5_000, "ab1.@-_%+ Z", 7)) {
      const plain = EMAIL.exec(text);
      const found = findEmail(text);
      expect(found && text.slice(found.start, found.end), text).toBe(plain?.[0] ?? null);
      expect(found?.start ?? null, text).toBe(plain?.index ?? null);
      expect(replaceEmails(text, " "), text).toBe(text.replace(new RegExp(EMAIL.source, "g"), " "));
    }
  });

  it("stay fast on a long run the regular expression re-reads from every start", () => {
    for (const text of ["a".repeat(20_000), "1.".repeat(10_000), `${"a".repeat(19_990)}@x`]) {
      const started = performance.now();
      findEmail(text);
      replaceEmails(text, " ");
      expect(performance.now() - started).toBeLessThan(100);
    }
  });
});

describe("collapseWhitespace", () => {
  it("keeps the name a sign-off or introduction gives", () => {
    const NAME_WORD = String.raw`\p{Lu}[\p{Ll}'’-]+`;
    const SIGN_OFF = new RegExp(
      String.raw`(?:^|\n|[.!?]\s)\s*(?:(?:[Tt]hanks|[Rr]egards|[Bb]est)[,.!]?\s*(?:\n\s*|\s+)|[-–—]\s*)(${NAME_WORD}(?:\s+${NAME_WORD})?)\s*[.!]?\s*$`,
      "u",
    );
    const words = (s: string | undefined) => s?.split(/\s+/).join(" ");
    for (const text of texts(5_000, "\n \t-AdBest,Thanks.", 11)) {
      expect(words(SIGN_OFF.exec(collapseWhitespace(text))?.[1]), JSON.stringify(text)).toBe(
        words(SIGN_OFF.exec(text)?.[1]),
      );
    }
  });

  it("lets extraction finish quickly on long whitespace and word runs", () => {
    for (const text of [
      "\n".repeat(20_000),
      `\nThanks ${" \n".repeat(9_990)}`,
      "a".repeat(20_000),
    ]) {
      const started = performance.now();
      extractFromText(text);
      expect(performance.now() - started).toBeLessThan(200);
    }
    expect(extractFromText("Where is it?\n\n  Thanks,\n\n  Ada   Lovelace").name).toBe(
      "Ada Lovelace",
    );
  });
});

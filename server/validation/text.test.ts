import { describe, expect, it } from "vitest";
import { isVisible, safeName, safeSecret, safeText, textProblem } from "./text";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? [] : (result.error?.issues.map((i) => i.message) ?? []);

describe("safeText", () => {
  const content = safeText({ max: 100, multiline: true, label: "The content" });
  const name = safeName({ max: 20, label: "The name" });

  it("refuses NUL, lone surrogates and bidi controls with a message naming the field", () => {
    for (const [bad, words] of [
      ["a\u0000b", /NUL/],
      ["a\uD800b", /surrogate/],
      ["a\uDFFF", /surrogate/],
      ["pay\u202Eusd", /direction/],
      ["\u2066x\u2069", /direction/],
    ] as const) {
      const found = messages(content.safeParse(bad));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^The content /);
      expect(found[0]).toMatch(words);
    }
  });

  it("accepts paired surrogates (emoji), line breaks in multi-line text, and NFC-normalises", () => {
    expect(content.parse("🙂\nline\ttwo")).toBe("🙂\nline\ttwo");
    expect(content.parse("cafe\u0301")).toBe("café");
    expect(content.parse("İstanbul, ΟΔΟΣ, हिन्दी, ‏עברית‏")).toBe("İstanbul, ΟΔΟΣ, हिन्दी, ‏עברית‏");
  });

  it("keeps one-line fields on one line, and names visible", () => {
    expect(messages(name.safeParse("a\nb"))[0]).toMatch(/one line/);
    expect(messages(name.safeParse("\u200B\u200D"))[0]).toBe(
      "The name needs at least one visible character.",
    );
    expect(messages(name.safeParse("  "))[0]).toBe("The name cannot be empty.");
    expect(name.parse("  Zoë  ")).toBe("Zoë");
  });

  it("refuses too long text by its length, and wrong types", () => {
    expect(messages(name.safeParse("x".repeat(1_000_000)))[0]).toBe(
      "The name is 1,000,000 characters long; the limit is 20.",
    );
    expect(messages(name.safeParse(42))[0]).toBe("The name must be text.");
  });

  it("keeps secrets exactly as typed", () => {
    const secret = safeSecret({ max: 50, min: 8, label: "The password" });
    expect(secret.parse(" cafe\u0301 pass ")).toBe(" cafe\u0301 pass ");
    expect(messages(secret.safeParse("password\u0000"))[0]).toMatch(/NUL/);
  });

  it("textProblem and isVisible", () => {
    expect(textProblem("fine")).toBeNull();
    expect(isVisible("\uFEFF \u200B")).toBe(false);
    expect(isVisible("\u200Bx")).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { exampleTextHash } from "../examples/store";
import { validateExamples } from "./validate";

const ex = (text: string, templateId: string) => ({
  text,
  textHash: exampleTextHash(text),
  templateId,
  source: "labelled" as const,
});

describe("validateExamples", () => {
  it("refuses an empty set and a single template with a clear reason", () => {
    expect(validateExamples([])).toMatchObject({ ok: false, reason: /no training examples/ });
    const one = validateExamples([ex("a", "t1"), ex("b", "t1")]);
    expect(one).toMatchObject({ ok: false, reason: /at least two templates/ });
  });

  it("leaves out blank texts and templates with a single example, and says so", () => {
    const result = validateExamples([
      ex("a", "t1"),
      ex("b", "t1"),
      ex("c", "t2"),
      ex("d", "t2"),
      ex("   ", "t2"),
      ex("e", "t3"),
    ]);
    expect(result).toMatchObject({ ok: true, examples: 4, templates: 2, skippedTemplates: 1 });
    if (result.ok)
      expect(result.summary).toMatch(/\(1 template with fewer than 2 examples left out\)/);
  });
});

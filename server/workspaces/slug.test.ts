import { describe, expect, it } from "vitest";
import { SLUG_PATTERN, slugCandidates, slugify } from "./slug";

describe("slugify", () => {
  it.each([
    ["Acme Store", "acme-store"],
    ["  Crème Brûlée & Co. ", "creme-brulee-co"],
    ["日本の店", "workspace"],
    ["AB", "ab-workspace"],
    ["API", "api-workspace"],
    ["x".repeat(80), "x".repeat(32)],
    [`${"a".repeat(31)} b`, "a".repeat(31)],
  ])("%s → %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(slug).toMatch(SLUG_PATTERN);
  });

  it("offers numbered, then random candidates that all fit the pattern", () => {
    const candidates = slugCandidates("Acme");
    const first = Array.from({ length: 25 }, () => candidates.next().value);
    expect(first.slice(0, 3)).toEqual(["acme", "acme-2", "acme-3"]);
    expect(first[20]).toMatch(/^acme-[0-9a-f]{6}$/);
    const long = slugCandidates("y".repeat(100));
    for (let i = 0; i < 25; i++) expect(long.next().value).toMatch(SLUG_PATTERN);
  });
});

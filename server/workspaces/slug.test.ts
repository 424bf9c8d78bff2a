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

  it("offers only randomly suffixed candidates, so a slug never tells which addresses are taken", () => {
    const candidates = slugCandidates("Acme");
    const first = Array.from({ length: 25 }, () => candidates.next().value);
    for (const slug of first) expect(slug).toMatch(/^acme-[a-z0-9]{6}$/);
    expect(new Set(first).size).toBe(25);
    const long = slugCandidates("y".repeat(100));
    for (let i = 0; i < 25; i++) expect(long.next().value).toMatch(SLUG_PATTERN);
  });
});

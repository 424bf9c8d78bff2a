import { describe, expect, it } from "vitest";
import { originalVariant, pickVariant } from "./variants";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const group = [
  { id: "b", language: "de", createdAt: at(2) },
  { id: "a", language: "en", createdAt: at(1) },
  { id: "c", language: "fr-CA", createdAt: at(3) },
  { id: "d", language: "pt-BR", createdAt: at(4) },
  { id: "e", language: "fr", createdAt: at(5) },
];

describe("pickVariant", () => {
  it("takes the exact language, case-insensitively", () => {
    expect(pickVariant(group, "DE", "en-US")?.id).toBe("b");
    expect(pickVariant(group, "fr-ca", "en-US")?.id).toBe("c");
    expect(pickVariant(group, "pt_BR", "en-US")?.id).toBe("d");
  });

  it("falls back to the same primary language, the plain tag first", () => {
    expect(pickVariant(group, "fr-BE", "en-US")?.id).toBe("e");
    expect(pickVariant(group, "pt", "en-US")?.id).toBe("d");
  });

  it("falls back to the workspace's default language, then the original", () => {
    expect(pickVariant(group, "ja", "de-AT")?.id).toBe("b");
    expect(pickVariant(group, null, "en-US")?.id).toBe("a");
    expect(pickVariant(group, "ja", "ko-KR")?.id).toBe("a");
  });

  it("the original is the oldest variant, ties broken by id", () => {
    expect(originalVariant(group)?.id).toBe("a");
    const tie = [
      { id: "y", language: "en", createdAt: at(1) },
      { id: "x", language: "de", createdAt: at(1) },
    ];
    expect(originalVariant(tie)?.id).toBe("x");
    expect(pickVariant([], "en", "en")).toBeUndefined();
  });
});

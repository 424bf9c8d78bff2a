import { describe, expect, it } from "vitest";
import { toStoredWeight } from "./rows";

describe("toStoredWeight", () => {
  it("is the value PostgreSQL reads back from a real column", () => {
    expect(toStoredWeight(0.7)).toBe(0.7);
    expect(toStoredWeight(2)).toBe(2);
    expect(toStoredWeight(1 / 3)).toBe(0.33333334);
    expect(toStoredWeight(0.1 + 0.2)).toBe(0.3);
    expect(toStoredWeight(9.999999999)).toBe(10);
  });
});

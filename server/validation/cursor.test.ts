import { describe, expect, it } from "vitest";
import { cursorInt4, cursorText, isRealTimestamp } from "./cursor";

describe("cursor pieces", () => {
  it("accepts timestamps as PostgreSQL prints them", () => {
    for (const value of [
      "2024-02-29T23:59:59.999999Z",
      "2024-05-01 10:00:00.123456+00",
      "2024-05-01 10:00:00+05:30",
      "2024-05-01T10:00:00",
    ]) {
      expect([value, isRealTimestamp(value)]).toEqual([value, true]);
    }
  });

  it("refuses impossible instants that PostgreSQL would fail to cast", () => {
    for (const value of [
      "2023-02-29T00:00:00Z",
      "2024-13-01T00:00:00Z",
      "2024-04-31T00:00:00Z",
      "2024-01-01T24:00:00Z",
      "2024-01-01T00:60:00Z",
      "0000-01-01T00:00:00Z",
      "2024-01-01T00:00:00+99",
      "yesterday",
    ]) {
      expect([value, isRealTimestamp(value)]).toEqual([value, false]);
    }
  });

  it("bounds integers to int4 and text to what PostgreSQL stores", () => {
    expect(cursorInt4.safeParse(2 ** 31).success).toBe(false);
    expect(cursorInt4.safeParse(-(2 ** 31)).success).toBe(true);
    expect(cursorText(10).safeParse("a\u0000").success).toBe(false);
    expect(cursorText(10).safeParse("Zoë").success).toBe(true);
  });
});

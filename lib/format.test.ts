import { describe, expect, it } from "vitest";
import { formatClockTime, formatCount, formatDateTime, pluralize } from "./format";

describe("dates in the workspace's zone", () => {
  const at = new Date("2026-12-03T08:56:07Z");

  it("prints a log line's time of day in the workspace's zone, 24-hour", () => {
    expect(formatClockTime(at, { locale: "en-US", timeZone: "America/New_York" })).toBe("03:56:07");
    expect(formatClockTime(at, { locale: "en-GB", timeZone: "UTC" })).toBe("08:56:07");
  });

  it("falls back to UTC for a zone the runtime does not know", () => {
    expect(formatDateTime(at, { locale: "en-US", timeZone: "Mars/Olympus" })).toBe(
      "Dec 3, 2026, 8:56 AM",
    );
  });
});

describe("pluralize", () => {
  it("picks the word by the count and groups the digits", () => {
    expect(pluralize(1, "template")).toBe("1 template");
    expect(pluralize(0, "entry", "entries")).toBe("0 entries");
    expect(pluralize(4_448, "example")).toBe("4,448 examples");
    expect(formatCount(1_234_567)).toBe("1,234,567");
    expect(formatCount(12)).toBe("12");
  });
});

import { describe, expect, it } from "vitest";
import { runParam } from "@/app/(app)/w/[workspace]/insights/run-param";
import { impactBarPercent, impactText, pct, sourceLabel, trendText } from "./format";

describe("insights formatting", () => {
  it("prints shares as percentages and missing ones as a dash", () => {
    expect(pct(0.1234)).toBe("12.3%");
    expect(pct(1, 0)).toBe("100%");
    expect(pct(null)).toBe("—");
  });

  it("prints small impacts with a decimal and large ones whole; the bar shows any non-zero one", () => {
    expect(impactText(0.2)).toBe("0.2/100");
    expect(impactText(3)).toBe("3.0/100");
    expect(impactText(9.96)).toBe("10.0/100");
    expect(impactText(42.4)).toBe("42/100");
    expect(impactText(0)).toBe("0.0/100");
    expect(impactBarPercent(0)).toBe(0);
    expect(impactBarPercent(0.2)).toBe(1);
    expect(impactBarPercent(42.4)).toBe(42.4);
    expect(impactBarPercent(130)).toBe(100);
  });

  it("describes a trend by its direction and change", () => {
    expect(trendText({ previous: 2, current: 8, ratio: 4, direction: "growing" })).toBe(
      "growing (×4.00)",
    );
    expect(trendText({ previous: 0, current: 5, ratio: null, direction: "new" })).toBe(
      "new (0 → 5)",
    );
    expect(trendText(null)).toBe("no dates");
  });

  it("names a run's source, with the last day analysed (the stored end is exclusive)", () => {
    expect(sourceLabel({ source: "dataset", datasetName: "Q3 tickets" })).toBe(
      "Dataset “Q3 tickets”",
    );
    expect(
      sourceLabel({
        source: "inbox",
        periodFrom: new Date("2026-11-01T00:00:00Z"),
        periodTo: new Date("2026-12-01T00:00:00Z"),
      }),
    ).toBe("Inbox 2026-11-01 – 2026-11-30");
  });

  it("accepts only a uuid as ?run=", () => {
    expect(runParam({ run: "0b6e4c8e-3f7a-4c1e-9a51-6f3b1d2c4e5f" })).toBe(
      "0b6e4c8e-3f7a-4c1e-9a51-6f3b1d2c4e5f",
    );
    expect(runParam({ run: "latest" })).toBeNull();
    expect(runParam({ run: ["a", "b"] })).toBeNull();
    expect(runParam({})).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import type { ModelMetrics } from "../model/model";
import { compareMetrics, versionMetrics } from "./metrics";

function metrics(perLabel: { label: string; f1: number }[]): ModelMetrics {
  return {
    trainRows: 10,
    trainSeconds: 1,
    refit: true,
    heldOut: {
      rows: 4,
      calibrationError: 0,
      thresholdChoice: { threshold: 0.5, rule: "margin", coverage: 1, answeredPrecision: 1 },
      report: {
        count: 4,
        top1: 0.75,
        top3: 1,
        macroF1: 0.7,
        confusedPairs: [],
        perLabel: perLabel.map((l) => ({ ...l, precision: l.f1, recall: l.f1, support: 2 })),
      },
    },
  };
}

describe("version metrics", () => {
  it("keeps the headline figures of the held-out report", () => {
    const m = versionMetrics(metrics([{ label: "a", f1: 1 }]), ["a", "b"], 0.5, null, {});
    expect(m.headline).toMatchObject({
      top1: 0.75,
      top3: 1,
      macroF1: 0.7,
      labels: 2,
      scenarioTop1: null,
    });
  });

  it("compares per template, largest F1 change first, with templates only in one version", () => {
    const a = versionMetrics(
      metrics([
        { label: "x", f1: 0.5 },
        { label: "y", f1: 0.9 },
      ]),
      [],
      0.5,
      null,
      { x: "X", y: "Y" },
    );
    const b = versionMetrics(
      metrics([
        { label: "x", f1: 0.9 },
        { label: "y", f1: 0.8 },
        { label: "z", f1: 1 },
      ]),
      [],
      0.5,
      null,
      { x: "X", y: "Y", z: "Z" },
    );
    const changes = compareMetrics(a, b);
    expect(
      changes.map((c) => [c.name, c.f1Delta === null ? null : Math.round(c.f1Delta * 10) / 10]),
    ).toEqual([
      ["Z", null],
      ["X", 0.4],
      ["Y", -0.1],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { expectedCalibrationError, fitTemperature, heldOutNll } from "./calibration";
import { classificationReport } from "./metrics";

describe("classificationReport", () => {
  // labels a=0, b=1, c=2; truth / top-1 prediction / rest of the ranking:
  //   a→a, a→b (a 2nd), b→b, b→b, c→a (c 3rd), c→c
  const labels = ["a", "b", "c"];
  const truth = [0, 0, 1, 1, 2, 2];
  const predictions = [
    { ranked: [0, 1, 2], confidence: 0.9 },
    { ranked: [1, 0, 2], confidence: 0.6 },
    { ranked: [1, 0, 2], confidence: 0.8 },
    { ranked: [1, 2, 0], confidence: 0.7 },
    { ranked: [0, 1, 2], confidence: 0.5 },
    { ranked: [2, 0, 1], confidence: 0.9 },
  ];
  const report = classificationReport(labels, truth, predictions);

  it("computes top-1 and top-3 accuracy", () => {
    expect(report.top1).toBeCloseTo(4 / 6, 12);
    expect(report.top3).toBe(1);
  });

  it("computes per-label precision, recall and F1 by hand", () => {
    // a: predicted twice (rows 0, 4), right once → P 1/2; truth twice, found once → R 1/2.
    // b: predicted 3 times, right twice → P 2/3; R 2/2. c: predicted once, right → P 1, R 1/2.
    const byLabel = Object.fromEntries(report.perLabel.map((m) => [m.label, m]));
    expect(byLabel.a?.precision).toBeCloseTo(0.5, 12);
    expect(byLabel.a?.recall).toBeCloseTo(0.5, 12);
    expect(byLabel.b?.precision).toBeCloseTo(2 / 3, 12);
    expect(byLabel.b?.recall).toBe(1);
    expect(byLabel.b?.f1).toBeCloseTo(0.8, 12);
    expect(byLabel.c?.f1).toBeCloseTo(2 / 3, 12);
    expect(report.macroF1).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 12);
  });

  it("lists the most confused pairs, most frequent first", () => {
    expect(report.confusedPairs).toEqual([
      { truth: "a", predicted: "b", count: 1 },
      { truth: "c", predicted: "a", count: 1 },
    ]);
  });

  it("gives a label never predicted precision 0 (scikit-learn's zero_division=0)", () => {
    const r = classificationReport(
      ["x", "y"],
      [0, 1],
      [
        { ranked: [0], confidence: 1 },
        { ranked: [0], confidence: 1 },
      ],
    );
    expect(r.perLabel.find((m) => m.label === "y")).toMatchObject({
      precision: 0,
      recall: 0,
      f1: 0,
    });
    expect(r.macroF1).toBeCloseTo((2 / 3 + 0) / 2, 12);
  });
});

describe("calibration", () => {
  it("fits the temperature that minimises held-out NLL", () => {
    // Logits 10× too sharp for data that is right 75% of the time: T must soften them.
    const rows = Array.from({ length: 4000 }, () => Float64Array.of(10, 0));
    const truth = rows.map((_, i) => (i % 4 === 3 ? 1 : 0));
    const t = fitTemperature(rows, truth);
    // Optimum: softmax(10/T) gives 0.75 → 10/T = ln 3 (the prior on ln T is negligible here).
    expect(Math.abs(t / (10 / Math.log(3)) - 1)).toBeLessThan(0.02);
    expect(heldOutNll(rows, truth, t)).toBeLessThan(heldOutNll(rows, truth, 1));
  });

  it("keeps T near 1 when a few held-out rows are all right (no runaway sharpening)", () => {
    const rows = [Float64Array.of(2, 0), Float64Array.of(0, 2)];
    const t = fitTemperature(rows, [0, 1]);
    expect(t).toBeGreaterThan(0.3);
    expect(t).toBeLessThan(1);
  });

  it("measures the expected calibration error by hand", () => {
    // Bin 0.9: 2 rows, 1 right → gap 0.4; bin 0.5: 2 rows, 1 right → gap 0 → ECE 0.2.
    const rows = [
      { confidence: 0.9, correct: true },
      { confidence: 0.9, correct: false },
      { confidence: 0.5, correct: true },
      { confidence: 0.5, correct: false },
    ];
    expect(expectedCalibrationError(rows)).toBeCloseTo(0.2, 12);
  });
});

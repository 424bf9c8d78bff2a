import { describe, expect, it } from "vitest";
import { examplesDetail } from "./checklist";

const counts = {
  datasets: 1,
  readyDatasets: 1,
  examples: 4_448,
  templatesWithExamples: 29,
  nextRunExamples: 4_448,
  nextRunTemplates: 29,
  scenarios: 12,
  versions: 1,
};

describe("the checklist's examples line", () => {
  it("counts every example when the next run learns from all of them", () => {
    expect(examplesDetail(counts)).toBe("4,448 examples for 29 templates");
  });

  it("says what the next run learns from when training leaves some out", () => {
    expect(examplesDetail({ ...counts, nextRunExamples: 4_440, nextRunTemplates: 26 })).toBe(
      "4,448 examples for 29 templates · the next run learns from 4,440 examples for 26 templates",
    );
  });
});

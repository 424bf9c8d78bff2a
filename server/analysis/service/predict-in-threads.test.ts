import { beforeAll, describe, expect, it } from "vitest";
import { serializeModel } from "@/server/training/model/serialize";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { ANALYSIS_PERIOD, bankingMessages } from "@/test/analysis-messages";
import { bankingRows } from "@/test/banking";
import { computeRun } from "./compute";
import { computeInWorker } from "./compute-in-worker";
import {
  type AnalysisModel,
  type DeployedArtifact,
  loadAnalysisModel,
  predictMessages,
} from "./model";
import { analysisThreads, predictInThreads } from "./predict-in-threads";

/**
 * Scoring split over helper threads gives exactly the outcomes of one thread, in the messages'
 * order, and a helper that fails only costs time.
 */
const period = ANALYSIS_PERIOD;
const messages = bankingMessages;

let artifact: DeployedArtifact;
let model: AnalysisModel;
beforeAll(() => {
  const trained = trainModel(
    bankingRows("train_10shot.csv").map((r) => ({ text: r.text, label: r.label })),
    { ...DEFAULT_TRAINING, refit: false },
  );
  artifact = {
    versionId: "v1",
    version: 1,
    bytes: serializeModel(trained),
    labels: trained.labels.map((label) => `template-${label}`),
    confusedPairs: [],
    perLabel: [],
    templateNames: {},
    heldOutTop1: null,
  };
  model = loadAnalysisModel(artifact);
}, 120_000);

describe("analysisThreads", () => {
  it("uses one thread per 10,000 messages, at most the cores and at most 4", () => {
    expect(analysisThreads(0, 8)).toBe(1);
    expect(analysisThreads(9_999, 8)).toBe(1);
    expect(analysisThreads(20_000, 8)).toBe(2);
    expect(analysisThreads(100_000, 2)).toBe(2);
    expect(analysisThreads(100_000, 16)).toBe(4);
    expect(analysisThreads(100_000, 1)).toBe(1);
  });
});

describe("predictInThreads", () => {
  it("scores shares on helper threads with the outcomes of one thread, in order", async () => {
    const input = messages(601);
    const alone = predictMessages(model, input);
    expect(alone.some((m) => m.confident)).toBe(true);
    expect(alone.some((m) => !m.confident)).toBe(true);
    for (const threads of [2, 3]) {
      const split = await predictInThreads(model, artifact, input, threads);
      expect(split.threads).toBe(threads);
      expect(split.outcomes).toEqual(alone);
    }
  }, 120_000);

  it("scores a failed helper's share on this thread", async () => {
    const input = messages(300);
    // The helper cannot read these bytes; this thread's model is fine.
    const unreadable = { ...artifact, bytes: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) };
    const split = await predictInThreads(model, unreadable, input, 2);
    expect(split.threads).toBe(1);
    expect(split.outcomes).toEqual(predictMessages(model, input));
  }, 60_000);

  it("stays on this thread without a model", async () => {
    const input = messages(50);
    const split = await predictInThreads(null, null, input, 4);
    expect(split.threads).toBe(1);
    expect(split.outcomes.every((m) => !m.confident && m.topLabel === null)).toBe(true);
  });
});

describe("computeInWorker with helper threads", () => {
  it("computes the run computeRun computes on the calling thread", async () => {
    const input = messages(800);
    const comparable = (run: Awaited<ReturnType<typeof computeRun>>) => ({
      ...run,
      scoredOnThreads: 1,
      gaps: run.gaps.map(({ id: _id, ...gap }) => gap),
      patterns: run.patterns.map(({ id: _id, ...pattern }) => pattern),
    });
    const inWorker = await computeInWorker(input, artifact, period, { threads: 2 });
    const inProcess = await computeRun(input, model, period);
    expect(inProcess.unconfident).toBeGreaterThan(0);
    expect(inProcess.unconfident).toBeLessThan(800);
    expect(inWorker.scoredOnThreads).toBe(2);
    expect(inProcess.scoredOnThreads).toBe(1);
    expect(comparable(inWorker)).toEqual(comparable(inProcess));
  }, 120_000);
});

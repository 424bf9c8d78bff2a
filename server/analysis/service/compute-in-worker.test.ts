import { describe, expect, it } from "vitest";
import { serializeModel } from "@/server/training/model/serialize";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { ANALYSIS_PERIOD, bankingMessages } from "@/test/analysis-messages";
import { bankingRows } from "@/test/banking";
import { analyzeConversationData } from "../summary";
import { computeRun } from "./compute";
import { AnalysisComputeError, computeInWorker, summarizeInWorker } from "./compute-in-worker";
import { type DeployedArtifact, loadAnalysisModel, predictMessages } from "./model";

/**
 * The analysis computes in a worker thread: the calling thread's event loop stays free (a timer
 * keeps firing through a run of thousands of messages), the results are the in-process ones,
 * a failure in the worker rejects with its message, and aborting terminates it.
 */
const period = ANALYSIS_PERIOD;
const messages = bankingMessages;

/** The results without the random row ids (each computation draws new ones). */
const comparable = (run: Awaited<ReturnType<typeof computeRun>>) => ({
  ...run,
  scoredOnThreads: 1,
  gaps: run.gaps.map(({ id: _id, ...gap }) => gap),
  patterns: run.patterns.map(({ id: _id, ...pattern }) => pattern),
});

describe("computeInWorker", () => {
  it("keeps the calling thread's event loop turning through a run of thousands of messages", async () => {
    // No model: every message is not confident, the heaviest clustering.
    const input = messages(2_500);
    const stages: string[] = [];
    const fired: number[] = [];
    const timer = setInterval(() => fired.push(performance.now()), 20);
    const started = performance.now();
    const computed = await computeInWorker(input, null, period, {
      onStage: (stage) => stages.push(stage),
    });
    const elapsed = performance.now() - started;
    clearInterval(timer);

    expect(stages).toEqual(["predict", "cluster", "patterns", "summary"]);
    expect(computed.messages).toBe(2_500);
    expect(computed.gaps.length).toBeGreaterThan(0);
    // The run took a while, and the timer fired all along: no turn of the loop waited for it.
    expect(elapsed).toBeGreaterThan(500);
    const gaps = fired.slice(1).map((at, i) => at - (fired[i] ?? at));
    expect(fired.length).toBeGreaterThan(elapsed / 20 / 4);
    expect(Math.max(...gaps, fired[0] ? fired[0] - started : elapsed)).toBeLessThan(
      Math.max(250, elapsed / 4),
    );
  }, 120_000);

  it("computes what computeRun computes on the calling thread", async () => {
    const input = messages(600);
    const [inWorker, inProcess] = [
      await computeInWorker(input, null, period),
      await computeRun(input, null, period),
    ];
    expect(inWorker.gaps.length).toBeGreaterThan(0);
    expect(comparable(inWorker)).toEqual(comparable(inProcess));
  }, 60_000);

  it("rejects with the worker's error (a model that cannot be read)", async () => {
    const artifact: DeployedArtifact = {
      versionId: "v",
      version: 1,
      bytes: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]),
      labels: [],
      confusedPairs: [],
      perLabel: [],
      templateNames: {},
      heldOutTop1: null,
    };
    const failing = computeInWorker(messages(10), artifact, period);
    await expect(failing).rejects.toThrow("analysis failed: not a Parley model (bad magic)");
    // Deterministic: the job fails the run at once instead of retrying it.
    await expect(failing).rejects.toBeInstanceOf(AnalysisComputeError);
  });

  it("stops at once when aborted, rejecting with the abort's reason", async () => {
    const controller = new AbortController();
    const stages: string[] = [];
    const running = computeInWorker(messages(2_500), null, period, {
      signal: controller.signal,
      onStage: (stage) => {
        stages.push(stage);
        if (stage === "cluster") controller.abort(new Error("cancelled by the test"));
      },
    });
    await expect(running).rejects.toThrow("cancelled by the test");
    // Terminated before it could announce the next stage.
    expect(stages).toEqual(["predict", "cluster"]);
  }, 60_000);
});

describe("summarizeInWorker (training.analyze)", () => {
  it("scores with the deployed model and summarises as the calling thread would", async () => {
    const train = bankingRows("train_10shot.csv");
    const model = trainModel(
      train.map((r) => ({ text: r.text, label: r.label })),
      { ...DEFAULT_TRAINING, refit: false },
    );
    const artifact: DeployedArtifact = {
      versionId: "v1",
      version: 1,
      bytes: serializeModel(model),
      labels: model.labels,
      confusedPairs: [],
      perLabel: [],
      templateNames: {},
      heldOutTop1: null,
    };
    const input = messages(400).map((m, i) => ({
      ...m,
      // Some messages were answered with a template, so the summary has failures to report.
      agentTemplateId: i % 3 === 0 ? (model.labels[i % model.labels.length] ?? null) : null,
    }));
    const inWorker = await summarizeInWorker(input, artifact);
    const inProcess = analyzeConversationData(predictMessages(loadAnalysisModel(artifact), input));
    expect(inWorker).toEqual(inProcess);
    expect(inWorker.messages).toBe(400);
    expect(inWorker.comparedMessages).toBeGreaterThan(100);
    expect(inWorker.accuracyScore).not.toBeNull();
  }, 60_000);
});

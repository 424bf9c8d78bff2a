/**
 * `npm run cli -- bench analysis --messages N [--model <file>] [--train <csv>] [--test <csv>]
 * [--holdout-labels a,b,…] --json`
 *
 * Times conversation analysis of N messages the way the analysis job runs it (`computeRun`:
 * batch prediction with the trained model, gap detection with each gap's similarities, pattern
 * detection, the summary) twice: on the calling thread (before) and in a worker thread
 * (compute-in-worker.ts, after), each with how much it blocked the event loop (event-loop delay
 * max/p99/mean and a 10 ms timer's firings, cli/event-loop-probe.ts). The model is trained on BANKING77 train.csv minus ten held-out labels (by
 * default the fixed set of server/analysis/README.md, so there are real gaps to find) and cached in
 * `--model` when given (loaded from it on later runs); the messages are test.csv rows cycled and
 * perturbed as `bench gaps --scale` makes them, spread evenly over 28 days.
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { type ComputedRun, type ComputeStage, computeRun } from "@/server/analysis/service/compute";
import { computeInWorker } from "@/server/analysis/service/compute-in-worker";
import { type DeployedArtifact, loadAnalysisModel } from "@/server/analysis/service/model";
import type { SourceMessage } from "@/server/analysis/service/sources";
import { loadWordVectors } from "@/server/training/model/embeddings";
import type { IntentModel } from "@/server/training/model/model";
import { deserializeModel, serializeModel } from "@/server/training/model/serialize";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { readLabelledCsv } from "@/server/training/service/labelled-csv";
import { scaledTexts } from "./bench-gaps";
import { probeEventLoop } from "./event-loop-probe";

/** server/analysis/README.md "Result on test.csv": alphabetical positions 0, 8, …, 72. */
export const FIXED_HOLDOUT = [
  "Refund_not_showing_up",
  "beneficiary_not_allowed",
  "card_payment_fee_charged",
  "contactless_not_working",
  "exchange_charge",
  "getting_spare_card",
  "pending_top_up",
  "top_up_by_bank_transfer_charge",
  "transfer_fee_charged",
  "virtual_card_not_working",
];

export const BANKING77_DIR = path.resolve(process.cwd(), "..", "shared", "datasets", "banking77");

export type BenchAnalysisOptions = {
  messages: number;
  /** Cache file for the trained model (f32 weights: the same numbers as the trained one). */
  model: string | null;
  train: string;
  test: string;
  holdout: string[];
  /** Which ways to compute, in this order (alternate it between runs on a loaded machine). */
  order: BenchAnalysisWay[];
};

const WAYS = ["in-process", "worker"] as const;
export type BenchAnalysisWay = (typeof WAYS)[number];

export function benchAnalysisOrder(value: string): BenchAnalysisWay[] {
  const ways = value.split(",").map((w) => w.trim());
  const bad = ways.filter((w) => !(WAYS as readonly string[]).includes(w));
  if (bad.length > 0 || ways.length === 0) {
    throw new Error(`--order: a comma list of ${WAYS.join(", ")} (got ${value})`);
  }
  return ways as BenchAnalysisWay[];
}

const round = (seconds: number) => Math.round(seconds * 100) / 100;

async function modelFor(options: BenchAnalysisOptions) {
  const embeddings = loadWordVectors();
  if (options.model && existsSync(options.model)) {
    const bytes = new Uint8Array(await readFile(options.model));
    return { model: deserializeModel(bytes, embeddings), trainSeconds: null, cached: true };
  }
  const holdout = new Set(options.holdout);
  const train = readLabelledCsv(await readFile(options.train, "utf8"), "text", "category");
  const known = new Set(train.map((r) => r.label));
  const unknown = options.holdout.filter((l) => !known.has(l));
  if (unknown.length > 0) throw new Error(`not labels of the training file: ${unknown.join(", ")}`);
  const started = performance.now();
  const model: IntentModel = trainModel(
    train.filter((r) => !holdout.has(r.label)),
    DEFAULT_TRAINING,
    { embeddings },
  );
  const trainSeconds = (performance.now() - started) / 1000;
  if (options.model) await writeFile(options.model, serializeModel(model, "f32"));
  return { model, trainSeconds, cached: false };
}

/** The deployed-version artefact the analysis job would read, for the bench's model. */
function benchArtifact(model: IntentModel): DeployedArtifact {
  return {
    versionId: "bench",
    version: 1,
    bytes: serializeModel(model, "f32"),
    labels: model.labels,
    confusedPairs: [],
    perLabel: [],
    templateNames: {},
    heldOutTop1: null,
  };
}

export async function benchAnalysis(options: BenchAnalysisOptions) {
  const { model, trainSeconds, cached } = await modelFor(options);
  const test = readLabelledCsv(await readFile(options.test, "utf8"), "text", "category");
  const texts = scaledTexts(
    test.map((r) => r.text),
    options.messages,
  );
  const period = { from: new Date(Date.UTC(2026, 10, 1)), to: new Date(Date.UTC(2026, 10, 29)) };
  const span = period.to.getTime() - period.from.getTime();
  const messages: SourceMessage[] = texts.map((text, i) => ({
    ref: String(i),
    text,
    at: new Date(period.from.getTime() + Math.floor((span * i) / Math.max(1, texts.length))),
    agentTemplateId: null,
    reply: null,
    csat: null,
    resolved: null,
  }));
  const artifact = benchArtifact(model);

  // Before: computeRun on the calling thread (the job's path until the worker thread); the stage
  // stamps split it: predict, gaps (clustering + each gap's similarities), patterns. After: the
  // same computeRun in a worker thread (compute-in-worker.ts), worker start included.
  const stamps: Partial<Record<ComputeStage | "end", number>> = {};
  const between = (a: ComputeStage, b: ComputeStage | "end") =>
    round(((stamps[b] ?? 0) - (stamps[a] ?? 0)) / 1000);
  const ways = {
    "in-process": async () => {
      const run = await probeEventLoop(async () => {
        const computed = await computeRun(
          messages,
          loadAnalysisModel(artifact),
          period,
          async (stage) => {
            stamps[stage] = performance.now();
          },
        );
        stamps.end = performance.now();
        return computed;
      });
      const seconds = {
        predict: between("predict", "cluster"),
        gaps: between("cluster", "patterns"),
        patterns: between("patterns", "summary"),
        total: run.seconds,
      };
      return { run, seconds };
    },
    worker: async () => {
      const run = await probeEventLoop(() => computeInWorker(messages, artifact, period));
      return { run, seconds: { total: run.seconds } };
    },
  };
  const results: Record<string, unknown> = {};
  const computed: ComputedRun[] = [];
  for (const way of options.order) {
    const loadAt = loadavg().map(round);
    const { run, seconds } = await ways[way]();
    computed.push(run.result);
    results[way.replace("-", "_")] = {
      seconds,
      // The worker splits scoring over threads (predict-in-threads.ts): one per 10,000 messages,
      // at most the cores.
      scored_on_threads: run.result.scoredOnThreads,
      // CPU time of the process, every thread (wall time includes waiting for a core).
      cpu_seconds: run.cpuSeconds,
      event_loop: run.loop,
      load_average: { before: loadAt, after: loadavg().map(round) },
    };
  }
  const [first] = computed;
  if (!first) throw new Error("nothing computed");
  return {
    messages: texts.length,
    not_confident: first.unconfident,
    gaps: first.gaps.length,
    patterns: first.patterns.length,
    growing_patterns: first.patterns.filter((p) => p.trend?.direction === "growing").length,
    same_results: computed.every(
      (c) =>
        c.unconfident === first.unconfident &&
        c.gaps.length === first.gaps.length &&
        c.patterns.length === first.patterns.length,
    ),
    ...results,
    model: { cached, train_seconds: trainSeconds === null ? null : round(trainSeconds) },
  };
}

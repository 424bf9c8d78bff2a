/**
 * `npm run cli -- bench analysis --messages N [--model <file>] [--train <csv>] [--test <csv>]
 * [--holdout-labels a,b,…] --json`
 *
 * Times conversation analysis of N messages the way the analysis job runs it: batch prediction
 * with the trained model (predictBatch, tokens kept), gap detection and pattern detection
 * (server/analysis). The model is trained on BANKING77 train.csv minus ten held-out labels (by
 * default the fixed set of server/analysis/README.md, so there are real gaps to find) and cached in
 * `--model` when given (loaded from it on later runs); the messages are test.csv rows cycled and
 * perturbed as `bench gaps --scale` makes them, spread evenly over 28 days.
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { type AnalysedMessage, detectGaps } from "@/server/analysis/gaps";
import { detectPatterns } from "@/server/analysis/patterns";
import { loadWordVectors } from "@/server/training/model/embeddings";
import type { IntentModel } from "@/server/training/model/model";
import { predictBatch } from "@/server/training/model/predict-batch";
import { deserializeModel, serializeModel } from "@/server/training/model/serialize";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { readLabelledCsv } from "@/server/training/service/labelled-csv";
import { scaledTexts } from "./bench-gaps";

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
};

const round = (seconds: number) => Math.round(seconds * 100) / 100;
const cpuSeconds = (usage: NodeJS.CpuUsage) => round((usage.user + usage.system) / 1e6);

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

export async function benchAnalysis(options: BenchAnalysisOptions) {
  const { model, trainSeconds, cached } = await modelFor(options);
  const test = readLabelledCsv(await readFile(options.test, "utf8"), "text", "category");
  const texts = scaledTexts(
    test.map((r) => r.text),
    options.messages,
  );
  const period = { from: new Date(Date.UTC(2026, 10, 1)), to: new Date(Date.UTC(2026, 10, 29)) };
  const span = period.to.getTime() - period.from.getTime();
  const loadBefore = loadavg();

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { predictions, tokens } = predictBatch(model, texts, { limit: 1, tokens: true });
  const messages: AnalysedMessage[] = predictions.map((p, i) => ({
    id: String(i),
    text: texts[i] as string,
    confident: p.confident,
    topProbability: p.topProbability,
    topLabel: p.candidates[0]?.label ?? null,
    at: new Date(period.from.getTime() + Math.floor((span * i) / Math.max(1, texts.length))),
    tokens: tokens?.[i],
  }));
  const predicted = performance.now();
  const cpuPredict = process.cpuUsage(cpuBefore);
  const detection = detectGaps(messages, undefined, undefined, period);
  const gapsDone = performance.now();
  const cpuGaps = process.cpuUsage(cpuBefore);
  const patterns = detectPatterns(messages, period);
  const finished = performance.now();
  const cpu = process.cpuUsage(cpuBefore);

  return {
    messages: texts.length,
    not_confident: detection.unconfident,
    gaps: detection.gaps.length,
    patterns: patterns.length,
    growing_patterns: patterns.filter((p) => p.trend.direction === "growing").length,
    seconds: {
      predict: round((predicted - started) / 1000),
      gaps: round((gapsDone - predicted) / 1000),
      patterns: round((finished - gapsDone) / 1000),
      total: round((finished - started) / 1000),
    },
    // CPU time of the process per phase (wall time above includes waiting for a core).
    cpu_seconds: {
      predict: cpuSeconds(cpuPredict),
      gaps: round(cpuSeconds(cpuGaps) - cpuSeconds(cpuPredict)),
      patterns: round(cpuSeconds(cpu) - cpuSeconds(cpuGaps)),
      total: cpuSeconds(cpu),
    },
    model: { cached, train_seconds: trainSeconds === null ? null : round(trainSeconds) },
    load_average: { before: loadBefore.map(round), after: loadavg().map(round) },
  };
}

/**
 * Measures the intent model (server/training/model) on public datasets. Prints one JSON object per
 * run, one per line; not a test.
 *
 *   npx tsx bench/model.ts                     # the three standard runs below, test files once
 *   npx tsx bench/model.ts --tune              # the same runs, but each "test" set comes from the
 *                                              # TRAINING data (for choosing settings): a seeded
 *                                              # 20% of it, or for 10-shot the train.csv rows
 *                                              # outside the 10-shot sample
 *   npx tsx bench/model.ts --train a.csv [--test b.csv] [--text-col text] [--label-col category]
 *                          [--oos-label oos] [--config '{"lambda":1e-5,"featurizer":{...}}']
 *
 * Standard runs: BANKING77 full (train.csv → test.csv), BANKING77 10-shot (train_10shot.csv →
 * test.csv), Bitext (bitext_cs_train_v_2023-08-07.csv, seeded 20% held out; instruction → intent).
 * Without --test the test rows are a stratified 20% of the train file (seed 7), never trained on.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseCsv } from "@/server/templates/interchange/csv-parse";
import { stratifiedSplit } from "@/server/training/evaluation/split";
import { loadWordVectors } from "@/server/training/model/embeddings";
import { modelMemoryBytes } from "@/server/training/model/model";
import {
  deserializeModel,
  serializeModel,
  type WeightEncoding,
} from "@/server/training/model/serialize";
import {
  DEFAULT_TRAINING,
  type TrainingConfig,
  type TrainingExample,
  trainModel,
} from "@/server/training/model/train";
import { OFF_TOPIC_MESSAGES } from "./off-topic";
import { scorePredictions } from "./score-predictions";

const { values } = parseArgs({
  options: {
    train: { type: "string" },
    test: { type: "string" },
    "text-col": { type: "string", default: "text" },
    "label-col": { type: "string", default: "category" },
    "oos-label": { type: "string" },
    config: { type: "string", default: "{}" },
    encoding: { type: "string", default: "int8-row" },
    tune: { type: "boolean", default: false },
    only: { type: "string" },
  },
});

function readExamples(file: string, textCol: string, labelCol: string): TrainingExample[] {
  const { records } = parseCsv(readFileSync(file, "utf8"));
  const [head, ...rows] = records;
  const ti = head?.fields.indexOf(textCol) ?? -1;
  const li = head?.fields.indexOf(labelCol) ?? -1;
  if (ti < 0 || li < 0) throw new Error(`${file}: no column ${textCol} or ${labelCol}`);
  return rows.map((r) => ({ text: r.fields[ti] ?? "", label: r.fields[li] ?? "" }));
}

function pick<T>(rows: T[], positions: number[]): T[] {
  return positions.map((i) => rows[i] as T);
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

interface Run {
  name: string;
  train: TrainingExample[];
  test: TrainingExample[];
  oosLabel: string | null;
}

function measure(run: Run, config: TrainingConfig, encoding: WeightEncoding) {
  const embeddings = config.featurizer.embeddingWeight > 0 ? loadWordVectors() : undefined;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const trained = trainModel(
    run.train,
    { ...config, outOfScopeLabel: run.oosLabel },
    { embeddings },
  );
  const trainSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  // The machine is shared: CPU seconds say what training costs when it has a core to itself.
  const trainCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const bytes = serializeModel(trained, encoding);
  // Heap + array buffers before and after loading: what one more cached model costs. Exact only
  // with --expose-gc (node --expose-gc --import tsx bench/model.ts); null otherwise.
  const gc = (globalThis as { gc?: () => void }).gc;
  const used = () => {
    gc?.();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  const loadStarted = performance.now();
  const model = deserializeModel(bytes, embeddings);
  const loadMs = performance.now() - loadStarted;
  const heapDelta = gc ? used() - before : null;
  const score = scorePredictions(model, run.test, run.oosLabel);
  const latencies = score.latenciesMs;
  const heldOut = trained.metrics.heldOut;
  return {
    run: run.name,
    train_rows: run.train.length,
    test_rows: run.test.length,
    labels: trained.labels.length,
    features: trained.classifier.features,
    top1: score.top1 / score.inScope,
    top3: score.top3 / score.inScope,
    macro_f1: score.macroF1,
    train_seconds: trainSeconds,
    train_cpu_seconds: trainCpuSeconds,
    model_bytes: bytes.length,
    memory_bytes: modelMemoryBytes(model),
    heap_delta_bytes: heapDelta,
    word_vectors_bytes: embeddings?.bytes ?? 0,
    load_ms: loadMs,
    predict_p50_ms: percentile(latencies, 0.5),
    predict_p95_ms: percentile(latencies, 0.95),
    temperature: model.temperature,
    threshold: model.threshold,
    test_answered: score.answered / score.inScope,
    off_topic_confident: `${score.offTopicConfident}/${OFF_TOPIC_MESSAGES.length}`,
    test_answered_precision: score.answered ? score.answeredRight / score.answered : 0,
    ...(run.oosLabel
      ? {
          oos_recall: score.oosCaught / (score.oosRows || 1),
          oos_precision: score.oosCaught / (score.notConfident || 1),
        }
      : {}),
    heldout: heldOut && {
      rows: heldOut.rows,
      top1: heldOut.report.top1,
      top3: heldOut.report.top3,
      macro_f1: heldOut.report.macroF1,
      ece: heldOut.calibrationError,
      threshold_rule: heldOut.thresholdChoice.rule,
      coverage: heldOut.thresholdChoice.coverage,
      answered_precision: heldOut.thresholdChoice.answeredPrecision,
      out_of_scope: heldOut.outOfScope,
    },
  };
}

function withTestSplit(name: string, rows: TrainingExample[], oosLabel: string | null): Run {
  const split = stratifiedSplit(
    rows.map((r) => r.label),
    { fraction: 0.2, seed: 7 },
  );
  return { name, train: pick(rows, split.train), test: pick(rows, split.heldOut), oosLabel };
}

const override = JSON.parse(values.config) as Partial<TrainingConfig>;
const config: TrainingConfig = {
  ...DEFAULT_TRAINING,
  ...override,
  featurizer: { ...DEFAULT_TRAINING.featurizer, ...override.featurizer },
};
const encoding = values.encoding as WeightEncoding;
const runs: Run[] = [];
const oos = values["oos-label"] ?? null;
if (values.train) {
  const train = readExamples(values.train, values["text-col"], values["label-col"]);
  const name = path.basename(values.train);
  runs.push(
    values.test
      ? {
          name,
          train,
          test: readExamples(values.test, values["text-col"], values["label-col"]),
          oosLabel: oos,
        }
      : withTestSplit(`${name} (20% held out)`, train, oos),
  );
} else {
  const banking = path.resolve("../shared/datasets/banking77");
  const bitext = path.resolve("../shared/datasets/bitext-customer-support");
  const test = () => readExamples(path.join(banking, "test.csv"), "text", "category");
  for (const [name, file] of [
    ["banking77-full", "train.csv"],
    ["banking77-10shot", "train_10shot.csv"],
  ] as const) {
    if (values.only && !name.includes(values.only)) continue;
    const train = readExamples(path.join(banking, file), "text", "category");
    if (values.tune && file === "train_10shot.csv") {
      // The 10-shot sample is drawn from train.csv (all 770 rows are in it, lower-cased): the
      // other 9,233 rows of train.csv are a large held-out set that is not the test file.
      const sample = new Set(train.map((r) => r.text.toLowerCase().trim()));
      const rest = readExamples(path.join(banking, "train.csv"), "text", "category").filter(
        (r) => !sample.has(r.text.toLowerCase().trim()),
      );
      runs.push({
        name: `${name} (tune: train.csv minus the sample)`,
        train,
        test: rest,
        oosLabel: null,
      });
      continue;
    }
    runs.push(
      values.tune
        ? withTestSplit(`${name} (tune: 20% of ${file})`, train, null)
        : { name, train, test: test(), oosLabel: null },
    );
  }
  if (!values.only || "bitext".includes(values.only)) {
    const rows = readExamples(
      path.join(bitext, "bitext_cs_train_v_2023-08-07.csv"),
      "instruction",
      "intent",
    );
    // Bitext has no separate test file: the 20% split is its test set; --tune holds out a
    // further 20% of the remaining rows so the real split is never looked at while tuning.
    const run = withTestSplit("bitext (20% held out)", rows, null);
    runs.push(values.tune ? withTestSplit("bitext (tune)", run.train, null) : run);
  }
}
for (const run of runs) console.log(JSON.stringify(measure(run, config, encoding)));

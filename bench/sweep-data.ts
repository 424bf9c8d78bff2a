/**
 * The held-out TRAINING splits the model sweeps choose settings on (bench/model-sweep.ts,
 * bench/knn-sweep.ts); test.csv is never among them.
 *   full:   stratified 20% of BANKING77 train.csv (seed SPLIT_SEED, default 7)
 *   10shot: train_10shot.csv → the train.csv rows outside the sample
 *   bitext: 20% of the rows bench/model.ts --tune trains on
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "@/server/templates/interchange/csv-parse";
import { fitTemperature, heldOutNll } from "@/server/training/evaluation/calibration";
import { stratifiedSplit } from "@/server/training/evaluation/split";

export interface Row {
  text: string;
  label: string;
}

function read(file: string, textCol: string, labelCol: string): Row[] {
  const { records } = parseCsv(readFileSync(file, "utf8"));
  const [head, ...rows] = records;
  const ti = head?.fields.indexOf(textCol) ?? -1;
  const li = head?.fields.indexOf(labelCol) ?? -1;
  return rows.map((r) => ({ text: r.fields[ti] ?? "", label: r.fields[li] ?? "" }));
}

const banking = path.resolve("../shared/datasets/banking77");
const bitext = path.resolve("../shared/datasets/bitext-customer-support");

function split(rows: Row[], seed: number) {
  const s = stratifiedSplit(
    rows.map((r) => r.label),
    { fraction: 0.2, seed },
  );
  return { train: s.train.map((i) => rows[i] as Row), test: s.heldOut.map((i) => rows[i] as Row) };
}

export function sweepData(task: string): { train: Row[]; test: Row[] } {
  if (task === "full")
    return split(
      read(path.join(banking, "train.csv"), "text", "category"),
      Number(process.env.SPLIT_SEED ?? 7),
    );
  if (task === "10shot") {
    const train = read(path.join(banking, "train_10shot.csv"), "text", "category");
    const sample = new Set(train.map((r) => r.text.toLowerCase().trim()));
    const test = read(path.join(banking, "train.csv"), "text", "category").filter(
      (r) => !sample.has(r.text.toLowerCase().trim()),
    );
    return { train, test };
  }
  const rows = read(path.join(bitext, "bitext_cs_train_v_2023-08-07.csv"), "instruction", "intent");
  return split(split(rows, 7).train, 7);
}

/** Sorted label set, training label indices and held-out truth indices. */
export function labelIndices(data: { train: Row[]; test: Row[] }) {
  const labels = [...new Set(data.train.map((r) => r.label))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const y = Int32Array.from(data.train.map((r) => index.get(r.label) ?? 0));
  const truth = data.test.map((r) => index.get(r.label) ?? 0);
  return { labels, y, truth };
}

/**
 * Top-1, top-3 (fractions) and the NLL after fitting a temperature on the same rows, for logit
 * (or log-probability) rows scored against `truth`.
 */
export function heldOutScores(rows: Float64Array[], truth: number[]) {
  const t = fitTemperature(rows, truth);
  return { ...topHits(rows, truth), nll: +heldOutNll(rows, truth, t).toFixed(4) };
}

/** Top-1 and top-3 accuracy (fractions, 4 decimals) of score rows against `truth`. */
export function topHits(rows: Float64Array[], truth: number[]): { top1: number; top3: number } {
  let top1 = 0;
  let top3 = 0;
  rows.forEach((row, i) => {
    const ranked = [...row.keys()].sort((a, b) => (row[b] ?? 0) - (row[a] ?? 0));
    if (ranked[0] === truth[i]) top1++;
    if (ranked.slice(0, 3).includes(truth[i] ?? -1)) top3++;
  });
  return { top1: +(top1 / rows.length).toFixed(4), top3: +(top3 / rows.length).toFixed(4) };
}

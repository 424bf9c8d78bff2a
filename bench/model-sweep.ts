/**
 * Sweep of classifier settings on fixed features (held-out TRAINING rows only, as bench/model.ts
 * --tune): featurise once per task, then train each variant and print top-1/top-3, the held-out
 * NLL after temperature fitting, and the fit's CPU seconds. Not a test.
 *   npx tsx bench/model-sweep.ts '[{"loss":"squared-hinge","lambda":1e-4}]' [full|10shot|bitext]
 *   npx tsx bench/model-sweep.ts '[{"svm":{"C":0.5},"emb":1}]' full   (linear SVM, svm.ts)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "@/server/templates/interchange/csv-parse";
import {
  expectedCalibrationError,
  fitTemperature,
  heldOutNll,
} from "@/server/training/evaluation/calibration";
import { stratifiedSplit } from "@/server/training/evaluation/split";
import { loadWordVectors } from "@/server/training/model/embeddings";
import { DEFAULT_FEATURIZER, fitFeaturizer, transformAll } from "@/server/training/model/featurize";
import { type SgdOptions, trainSgd } from "@/server/training/model/sgd";
import { logitsAll, softmaxInPlace } from "@/server/training/model/softmax";
import { DEFAULT_SVM, type SvmOptions, trainSvm } from "@/server/training/model/svm";

interface Row {
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
const task = process.argv[3] ?? "full";
const variants = JSON.parse(process.argv[2] ?? "[{}]") as Array<
  Partial<SgdOptions> & {
    emb?: number;
    featurizer?: Record<string, unknown>;
    /** Linear SVM (svm.ts) with these options instead of SGD. */
    svm?: Partial<SvmOptions>;
    /**
     * Ensemble: the SGD softmax AND an SVM with these options, combined as one linear model
     * W_soft/T_soft + W_svm/T_svm (temperatures from `ensT`, else fitted on the scored rows).
     */
    ens?: Partial<SvmOptions>;
    ensT?: [number, number];
  }
>;
let data: { train: Row[]; test: Row[] };
if (task === "full")
  data = split(
    read(path.join(banking, "train.csv"), "text", "category"),
    Number(process.env.SPLIT_SEED ?? 7),
  );
else if (task === "10shot") {
  const train = read(path.join(banking, "train_10shot.csv"), "text", "category");
  const sample = new Set(train.map((r) => r.text.toLowerCase().trim()));
  const test = read(path.join(banking, "train.csv"), "text", "category").filter(
    (r) => !sample.has(r.text.toLowerCase().trim()),
  );
  data = { train, test };
} else {
  const rows = read(path.join(bitext, "bitext_cs_train_v_2023-08-07.csv"), "instruction", "intent");
  data = split(split(rows, 7).train, 7);
}
const labels = [...new Set(data.train.map((r) => r.label))].sort();
const index = new Map(labels.map((l, i) => [l, i]));
const y = Int32Array.from(data.train.map((r) => index.get(r.label) ?? 0));
const truth = data.test.map((r) => index.get(r.label) ?? 0);
const cache = new Map<string, ReturnType<typeof build>>();
function build(emb: number, featurizer: Record<string, unknown>) {
  const config = { ...DEFAULT_FEATURIZER, ...featurizer, embeddingWeight: emb };
  const f = fitFeaturizer(
    data.train.map((r) => r.text),
    config,
    emb > 0 ? loadWordVectors() : undefined,
  );
  return {
    train: transformAll(
      f,
      data.train.map((r) => r.text),
    ),
    test: transformAll(
      f,
      data.test.map((r) => r.text),
    ),
  };
}
for (const v of variants) {
  const emb = v.emb ?? (task === "full" ? 0 : 1);
  const key = JSON.stringify([emb, v.featurizer ?? {}]);
  const m = cache.get(key) ?? build(emb, v.featurizer ?? {});
  cache.set(key, m);
  const cpu0 = process.cpuUsage();
  const seeds = (v as { seeds?: number[] }).seeds ?? [1];
  const fits = seeds.map((seed) =>
    v.svm
      ? trainSvm(m.train, y, labels.length, { ...DEFAULT_SVM, ...v.svm, seed })
      : trainSgd(m.train, y, labels.length, { epochs: 12, lambda: 1e-5, eta0: 1, ...v, seed }),
  );
  const model = fits[0] as (typeof fits)[number];
  if (v.ens) {
    const svm = trainSvm(m.train, y, labels.length, { ...DEFAULT_SVM, ...v.ens });
    const [ts, tv] = v.ensT ?? [
      fitTemperature(logitsAll(model, m.test), truth),
      fitTemperature(logitsAll(svm, m.test), truth),
    ];
    for (let i = 0; i < model.weights.length; i++)
      model.weights[i] = (model.weights[i] ?? 0) / ts + (svm.weights[i] ?? 0) / tv;
    for (let i = 0; i < model.bias.length; i++)
      model.bias[i] = (model.bias[i] ?? 0) / ts + (svm.bias[i] ?? 0) / tv;
    console.error(JSON.stringify({ ts, tv }));
  }
  for (const other of fits.slice(1)) {
    for (let i = 0; i < model.weights.length; i++)
      model.weights[i] = (model.weights[i] ?? 0) + (other.weights[i] ?? 0);
    for (let i = 0; i < model.bias.length; i++)
      model.bias[i] = (model.bias[i] ?? 0) + (other.bias[i] ?? 0);
  }
  for (let i = 0; i < model.weights.length; i++)
    model.weights[i] = (model.weights[i] ?? 0) / seeds.length;
  for (let i = 0; i < model.bias.length; i++) model.bias[i] = (model.bias[i] ?? 0) / seeds.length;
  const cpu = process.cpuUsage(cpu0);
  const z = logitsAll(model, m.test);
  let top1 = 0;
  let top3 = 0;
  z.forEach((row, i) => {
    const ranked = [...row.keys()].sort((a, b) => (row[b] ?? 0) - (row[a] ?? 0));
    if (ranked[0] === truth[i]) top1++;
    if (ranked.slice(0, 3).includes(truth[i] ?? -1)) top3++;
  });
  const t = fitTemperature(z, truth);
  const ece = expectedCalibrationError(
    z.map((row, i) => {
      const p = Float64Array.from(row);
      softmaxInPlace(p, t);
      let top = 0;
      for (let k = 1; k < p.length; k++) if ((p[k] ?? 0) > (p[top] ?? 0)) top = k;
      return { confidence: p[top] ?? 0, correct: top === truth[i] };
    }),
  );
  console.log(
    JSON.stringify({
      task,
      ...v,
      top1: +(top1 / z.length).toFixed(4),
      top3: +(top3 / z.length).toFixed(4),
      T: +t.toFixed(4),
      nll: +heldOutNll(z, truth, t).toFixed(4),
      ece: +ece.toFixed(4),
      cpu: +((cpu.user + cpu.system) / 1e6).toFixed(1),
    }),
  );
}

/**
 * Sweep of classifier settings on fixed features (held-out TRAINING rows only, as bench/model.ts
 * --tune): featurise once per task, then train each variant and print top-1/top-3, the held-out
 * NLL after temperature fitting, and the fit's CPU seconds. Not a test.
 *   npx tsx bench/model-sweep.ts '[{"loss":"squared-hinge","lambda":1e-4,"eta0":0.1}]' [full|10shot|bitext]
 * (The squared hinge needs a smaller step than the softmax's default eta0 0.5, at which it
 * diverges: Bitext top-1 0.04, nll null; with 0.1, 0.9913, 2026-12-07.)
 *   npx tsx bench/model-sweep.ts '[{"svm":{"C":0.5},"emb":1}]' full   (linear SVM, svm.ts)
 */
import {
  expectedCalibrationError,
  fitTemperature,
  heldOutNll,
} from "@/server/training/evaluation/calibration";
import { loadWordVectors } from "@/server/training/model/embeddings";
import { DEFAULT_FEATURIZER, fitFeaturizer, transformAll } from "@/server/training/model/featurize";
import { type SgdOptions, trainSgd } from "@/server/training/model/sgd";
import { logitsAll, softmaxInPlace } from "@/server/training/model/softmax";
import { DEFAULT_SVM, type SvmOptions, trainSvm } from "@/server/training/model/svm";
import { labelIndices, sweepData, topHits } from "./sweep-data";

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
const data = sweepData(task);
const { labels, y, truth } = labelIndices(data);
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
  const { top1, top3 } = topHits(z, truth);
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
      top1,
      top3,
      T: +t.toFixed(4),
      nll: +heldOutNll(z, truth, t).toFixed(4),
      ece: +ece.toFixed(4),
      cpu: +((cpu.user + cpu.system) / 1e6).toFixed(1),
    }),
  );
}

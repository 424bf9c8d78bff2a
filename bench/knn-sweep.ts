/**
 * kNN interpolation sweep (knn.ts) on held-out TRAINING rows only, as bench/model-sweep.ts:
 * featurise once, fit the default softmax once, then score p = (1 − β)·softmax + β·vote for a
 * grid of k / τ / β. Prints one JSON line per setting; not a test.
 *   SPLIT_SEED=11 npx tsx bench/knn-sweep.ts full|10shot|bitext
 * EMB=0|1 overrides the word-vector block (default: on for 10shot only), EPOCHS the softmax's
 * epochs (default 12), SEEDS the SGD seeds whose fits are averaged (default [1]).
 */
import { loadWordVectors } from "@/server/training/model/embeddings";
import { DEFAULT_FEATURIZER, fitFeaturizer, transformAll } from "@/server/training/model/featurize";
import { buildKnnIndex, knnVote, mixLogits } from "@/server/training/model/knn";
import { trainSgd } from "@/server/training/model/sgd";
import { logitsAll, softmaxInPlace } from "@/server/training/model/softmax";
import { getRow } from "@/server/training/model/sparse";
import { heldOutScores, labelIndices, sweepData } from "./sweep-data";

const task = process.argv[2] ?? "full";
const data = sweepData(task);
const { labels, y, truth } = labelIndices(data);
const emb = Number(process.env.EMB ?? (task === "10shot" ? 1 : 0));
const epochs = Number(process.env.EPOCHS ?? 12);
const f = fitFeaturizer(
  data.train.map((r) => r.text),
  { ...DEFAULT_FEATURIZER, embeddingWeight: emb },
  emb ? loadWordVectors() : undefined,
);
const train = transformAll(
  f,
  data.train.map((r) => r.text),
);
const test = transformAll(
  f,
  data.test.map((r) => r.text),
);
// SEEDS='[1,2,3]': the logits of one fit per SGD seed, averaged (= averaged weights).
const seeds = JSON.parse(process.env.SEEDS ?? "[1]") as number[];
const z = Array.from({ length: test.rows }, () => new Float64Array(labels.length));
for (const seed of seeds) {
  const fit = trainSgd(train, y, labels.length, { epochs, lambda: 1e-5, eta0: 1, seed });
  logitsAll(fit, test).forEach((row, r) => {
    const sum = z[r] as Float64Array;
    row.forEach((v, c) => {
      sum[c] = (sum[c] ?? 0) + v / seeds.length;
    });
  });
}
const probs = z.map((row) => {
  const p = Float64Array.from(row);
  softmaxInPlace(p, 1);
  return p;
});
const score = (rows: Float64Array[]) => heldOutScores(rows, truth);
const seed = task === "full" ? Number(process.env.SPLIT_SEED ?? 7) : 0;
console.log(JSON.stringify({ task, seed, emb, epochs, seeds, variant: "softmax", ...score(z) }));
const block = process.env.KNN_BLOCK ?? "all";
const maxDfs = JSON.parse(process.env.MAX_DFS ?? "[1]") as number[];
const sparseCount = block === "word" ? f.state.wordCount : f.state.sparseCount;
const scratch = new Float64Array(train.rows);
const ks = JSON.parse(process.env.KS ?? "[10,20,40]") as number[];
const taus = JSON.parse(process.env.TAUS ?? "[0.05,0.1]") as number[];
const betas = JSON.parse(process.env.BETAS ?? "[0.2,0.3,0.5,0.7]") as number[];
for (const maxDf of maxDfs)
  for (const k of ks)
    for (const tau of taus) {
      const knn = buildKnnIndex(train, y, labels.length, sparseCount, maxDf);
      const t0 = performance.now();
      const votes = probs.map((_, r) => knnVote(knn, getRow(test, r), { k, tau }, scratch));
      const ms = (performance.now() - t0) / probs.length;
      const alone = votes.map((v, r) => mixLogits(probs[r] as Float64Array, v, 1));
      console.log(
        JSON.stringify({
          task,
          seed,
          block,
          maxDf,
          k,
          tau,
          beta: 1,
          ...score(alone),
          msPerQuery: +ms.toFixed(3),
        }),
      );
      for (const beta of betas) {
        const mixed = votes.map((v, r) => mixLogits(probs[r] as Float64Array, v, beta));
        console.log(
          JSON.stringify({
            task,
            seed,
            emb,
            epochs,
            seeds,
            block,
            maxDf,
            k,
            tau,
            beta,
            ...score(mixed),
          }),
        );
      }
    }

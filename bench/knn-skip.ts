/**
 * Skipping the neighbour search for decided messages (knn.ts `skipDecided`), on held-out
 * TRAINING rows only (bench/sweep-data.ts; test.csv is never read): featurise once, fit the
 * default softmax once, build the default index, then score the held-out rows with the full
 * vote and with the search skipped whenever the softmax's lead is over a margin (β / (1 − β) =
 * 0.25 is the one that cannot change a top-1; larger ones skip less). Prints one JSON line per
 * variant; not a test.
 *   SPLIT_SEED=11 npx tsx bench/knn-skip.ts full|bitext
 */
import { DEFAULT_FEATURIZER, fitFeaturizer, transformAll } from "@/server/training/model/featurize";
import { buildKnnIndex, knnVote, mixLogits } from "@/server/training/model/knn";
import { trainSgd } from "@/server/training/model/sgd";
import { logitsAll, softmaxInPlace } from "@/server/training/model/softmax";
import { getRow } from "@/server/training/model/sparse";
import { DEFAULT_TRAINING } from "@/server/training/model/train";
import { heldOutScores, labelIndices, sweepData } from "./sweep-data";

const task = process.argv[2] ?? "full";
const seed = task === "full" ? Number(process.env.SPLIT_SEED ?? 7) : 0;
const data = sweepData(task);
const { labels, y, truth } = labelIndices(data);
const settings = DEFAULT_TRAINING.knn;
if (!settings) throw new Error("the default training has no neighbour vote");
const { k, tau, beta, maxDfFraction } = settings;
// Word vectors off, as the default training has them at ~100 examples per label.
const f = fitFeaturizer(
  data.train.map((r) => r.text),
  { ...DEFAULT_FEATURIZER, embeddingWeight: 0 },
);
const train = transformAll(
  f,
  data.train.map((r) => r.text),
);
const test = transformAll(
  f,
  data.test.map((r) => r.text),
);
const fit = trainSgd(train, y, labels.length, { epochs: 12, lambda: 1e-5, eta0: 1, seed: 1 });
const probs = logitsAll(fit, test).map((z) => {
  softmaxInPlace(z, 1);
  return z;
});
const index = buildKnnIndex(train, y, labels.length, f.state.sparseCount, maxDfFraction);
const scratch = new Float64Array(train.rows);
const started = performance.now();
const votes = probs.map((_, r) => knnVote(index, getRow(test, r), { k, tau }, scratch));
const msPerSearch = (performance.now() - started) / probs.length;

const score = (rows: Float64Array[]) => heldOutScores(rows, truth);

/** The top class and its lead over the next one. */
function lead(p: Float64Array): { top: number; by: number } {
  let top = 0;
  for (let c = 1; c < p.length; c++) if ((p[c] ?? 0) > (p[top] ?? 0)) top = c;
  let second = 0;
  for (let c = 0; c < p.length; c++) if (c !== top) second = Math.max(second, p[c] ?? 0);
  return { top, by: (p[top] ?? 0) - second };
}

const base = { task, seed, k, tau, beta, maxDfFraction, heldOutRows: probs.length };
const full = votes.map((vote, r) => mixLogits(probs[r] as Float64Array, vote, beta));
console.log(JSON.stringify({ ...base, variant: "full vote", msPerSearch, ...score(full) }));
for (const margin of [beta / (1 - beta), 0.4, 0.6]) {
  let skipped = 0;
  const rows = probs.map((p, r) => {
    const { top, by } = lead(p);
    if (by <= margin) return mixLogits(p, votes[r] ?? null, beta);
    skipped++;
    const vote = new Float64Array(p.length);
    vote[top] = 1;
    return mixLogits(p, vote, beta);
  });
  console.log(
    JSON.stringify({
      ...base,
      variant: `skip when the lead is over ${+margin.toFixed(3)}`,
      skipped: +(skipped / probs.length).toFixed(3),
      ...score(rows),
    }),
  );
}
